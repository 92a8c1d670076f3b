// The rep console: presence, live alerts (server-sent events from this service, browser notifications, Web Push
// through the service worker), each held lead with what the call needs, and logging the call with routing-service's
// follow-up rules. Every call carries the signed-in bearer token; the servers check it, and the payload is decoded
// here only to know the rep id. Personal data is shown to the rep who holds the lead and never logged.
"use strict";

const TOKEN_KEY = "warmline.console.token";
const NOTIFIED_KEY = "warmline.console.notified";
const HEARTBEAT_MS = 30000;
const KINDS = ["alert", "reminder", "escalation", "deadline"];
const $ = (selector, root) => (root || document).querySelector(selector);

let settings = {routingUrl: "http://127.0.0.1:8083", vapidPublicKey: null};
let token = null;
let repId = null;
let stream = null;
let heartbeat = null;
let worker = null;
let held = [];
const alerts = new Map();     // leadId -> the lead's alert (what the call needs)
const reminders = new Map();  // leadId -> the latest reminder's message
const nextSteps = new Map();  // leadId -> the latest logged follow-up
const cards = new Map();      // leadId -> its card element, kept so a half-filled form survives refreshes

function claims(jwt) {
  try {
    const part = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(part.padEnd(part.length + (4 - part.length % 4) % 4, "=")));
  } catch (e) {
    return null;
  }
}

/** The form's words for the API's field names, so a refusal names what the rep sees. */
const FIELDS = {outcome: "Outcome", objection: "Objection", "nextStep.type": "Next step", "nextStep.dueAt": "Due",
  notes: "Notes", status: "Presence"};

/** A refusal as the rep should read it: the problem's detail, then each field and what is wrong with it. */
async function refusal(response) {
  let message = response.status + " " + response.statusText;
  try {
    const problem = await response.json();
    message = problem.detail || problem.title || message;
    message = message.charAt(0).toUpperCase() + message.slice(1);
    (problem.errors || []).forEach((e) => { message += "\n• " + (FIELDS[e.field] || e.field) + ": " + e.reason; });
  } catch (e) { /* not problem details */ }
  const failure = new Error(message);
  failure.status = response.status;
  return failure;
}

async function call(base, path, method, body) {
  let response;
  try {
    response = await fetch(base + path, {
      method: method || "GET",
      headers: Object.assign({Authorization: "Bearer " + token, Accept: "application/json"},
        body === undefined ? {} : {"Content-Type": "application/json"}),
      body: body === undefined ? undefined : JSON.stringify(body)});
  } catch (e) {
    throw new Error("cannot reach " + (base || location.origin) + " (" + e.message + ")");
  }
  if (response.status === 401) {
    signOut("Your token was refused: " + (await refusal(response)).message);
    throw new Error("signed out");
  }
  if (!response.ok) throw await refusal(response);
  return response.status === 204 ? null : response.json();
}

const routing = (path, method, body) => call(settings.routingUrl, path, method, body);
const notification = (path, method, body) => call("", path, method, body);

function localZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function show(node, text) {
  node.textContent = text || "";
  node.hidden = !text;
}

function say(text, kind) {
  const line = document.createElement("p");
  line.className = "message " + (kind || "ok");
  line.textContent = text;
  $("#messages").prepend(line);
  while ($("#messages").children.length > 4) $("#messages").lastChild.remove();
}

function clock(seconds) {
  const s = Math.abs(Math.round(seconds));
  const text = (s >= 3600 ? Math.floor(s / 3600) + ":" : "") + String(Math.floor(s / 60) % 60).padStart(2, "0")
    + ":" + String(s % 60).padStart(2, "0");
  return seconds < 0 ? "overdue by " + text : text + " left";
}

function ago(instant) {
  const minutes = Math.round((Date.now() - Date.parse(instant)) / 60000);
  if (minutes < 1) return "just now";
  if (minutes < 90) return minutes + " min ago";
  if (minutes < 36 * 60) return Math.round(minutes / 60) + " h ago";
  return new Date(instant).toLocaleDateString();
}

const words = (wire) => (wire || "").replace(/_/g, " ");
const when = (instant) => new Date(instant).toLocaleString([], {dateStyle: "medium", timeStyle: "short"});

function tick() {
  document.querySelectorAll(".countdown[data-respond-by]").forEach((node) => {
    const left = (Date.parse(node.dataset.respondBy) - Date.now()) / 1000;
    node.textContent = clock(left);
    node.classList.toggle("overdue", left < 0);
    node.classList.toggle("soon", left >= 0 && left < 300);
  });
}

// --- Sign-in ----------------------------------------------------------------------------------------------------

function signIn(jwt) {
  const payload = claims(jwt);
  if (!payload || !payload.sub) {
    show($("#sign-in-problem"), "That is not a bearer token (a JWT: three parts separated by dots).");
    return;
  }
  token = jwt;
  repId = payload.sub;
  sessionStorage.setItem(TOKEN_KEY, jwt);
  $("#who").textContent = repId + " · " + (payload.groups || []).join(", ") + (payload.team ? " · " + payload.team : "");
  $("#who").hidden = $("#sign-out").hidden = false;
  $("#sign-in").hidden = true;
  $("#console").hidden = false;
  show($("#sign-in-problem"), "");
  loadRep();
  connect();
  refreshLeads();
  beat();
  heartbeat = setInterval(beat, HEARTBEAT_MS);
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("sw.js").then((registration) => { worker = registration; })
      .catch(() => { worker = null; });
  }
}

function signOut(message) {
  token = repId = null;
  sessionStorage.removeItem(TOKEN_KEY);
  if (stream) stream.close();
  clearInterval(heartbeat);
  held = [];
  [alerts, reminders, nextSteps].forEach((map) => map.clear());
  cards.forEach((card) => card.remove());
  cards.clear();
  $("#console").hidden = $("#who").hidden = $("#sign-out").hidden = true;
  $("#sign-in").hidden = false;
  show($("#sign-in-problem"), message || "");
}

// --- Presence and heartbeat -------------------------------------------------------------------------------------

function showPresence(presence) {
  document.querySelectorAll("#presence button").forEach((button) => {
    button.setAttribute("aria-pressed", String(button.dataset.presence === presence));
  });
}

async function loadRep() {
  try {
    showPresence((await routing("/reps/" + encodeURIComponent(repId))).presence);
    show($("#presence-problem"), "");
  } catch (failure) {
    show($("#presence-problem"), failure.message);
  }
}

async function setPresence(presence) {
  try {
    showPresence((await routing("/reps/" + encodeURIComponent(repId) + "/presence", "PUT", {status: presence})).presence);
    show($("#presence-problem"), "");
    refreshLeads();
  } catch (failure) {
    show($("#presence-problem"), failure.message);
  }
}

function beat() {
  routing("/reps/" + encodeURIComponent(repId) + "/heartbeat", "POST").catch(() => { /* the next one retries */ });
}

// --- Live alerts ------------------------------------------------------------------------------------------------

function connect() {
  if (stream) stream.close();
  // EventSource cannot send headers: this stream alone takes the token as a query parameter. On reconnect the
  // browser sends Last-Event-ID, and the server replays what was missed.
  stream = new EventSource("/reps/" + encodeURIComponent(repId) + "/alerts/stream?access_token="
    + encodeURIComponent(token));
  stream.onopen = () => setStreamState("live", "live");
  stream.onerror = () => setStreamState(stream.readyState === EventSource.CLOSED ? "closed: sign in again"
    : "reconnecting…", "down");
  KINDS.forEach((kind) => stream.addEventListener(kind, (event) => received(kind, JSON.parse(event.data))));
}

function setStreamState(text, state) {
  $("#stream-state").textContent = text;
  $("#stream-state").className = "state " + state;
}

function received(kind, alert) {
  if (kind === "alert" || !alerts.has(alert.leadId)) alerts.set(alert.leadId, alert);
  if (kind !== "alert") reminders.set(alert.leadId, alert.message || words(kind));
  notify(kind, alert);
  refreshSoon();
}

let refreshPending = null;
function refreshSoon() {
  clearTimeout(refreshPending);
  refreshPending = setTimeout(refreshLeads, 150);
}

/** A browser notification for an alert not notified before, when the rep is not looking at this page. */
function notify(kind, alert) {
  const seen = JSON.parse(sessionStorage.getItem(NOTIFIED_KEY) || "[]");
  if (seen.includes(alert.alertId)) return;
  sessionStorage.setItem(NOTIFIED_KEY, JSON.stringify(seen.concat(alert.alertId).slice(-200)));
  const fresh = !alert.respondBy || Date.parse(alert.respondBy) > Date.now();
  if (!document.hidden || !fresh || !("Notification" in window) || Notification.permission !== "granted") return;
  const title = (kind === "alert" ? "New lead: " : words(kind) + ": ") + (alert.name || "a lead");
  const options = {body: alert.message || alert.openingLine || "", tag: alert.leadId, data: {leadId: alert.leadId}};
  if (worker) worker.showNotification(title, options);
  else new Notification(title, options);
}

// --- Web Push ---------------------------------------------------------------------------------------------------

function vapidKey(base64url) {
  const raw = atob(base64url.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(base64url.length / 4) * 4, "="));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

async function enablePush() {
  const state = $("#push-state");
  try {
    if (!("Notification" in window) || !("serviceWorker" in navigator)) {
      state.textContent = "This browser cannot show notifications; keep this page open.";
      return;
    }
    if (await Notification.requestPermission() !== "granted") {
      state.textContent = "Notifications are blocked for this page; allow them in the browser's site settings.";
      return;
    }
    if (!settings.vapidPublicKey || !("PushManager" in window)) {
      state.textContent = "Notifications on while this page is open. Web Push (page closed) is "
        + (settings.vapidPublicKey ? "not supported by this browser." : "not configured on this server.");
      return;
    }
    // Notifications work from here on while the page is open; Web Push needs the browser's push service, which
    // may be slow or out of reach (a closed network): say so rather than wait without end.
    state.textContent = "Notifications on while this page is open; setting up Web Push for when it is closed...";
    const registration = await navigator.serviceWorker.register("sw.js");
    await navigator.serviceWorker.ready;
    const subscription = await withinSeconds(PUSH_SETUP_SECONDS, registration.pushManager.subscribe(
      {userVisibleOnly: true, applicationServerKey: vapidKey(settings.vapidPublicKey)}),
      "the browser's push service did not answer");
    await notification("/reps/" + encodeURIComponent(repId) + "/push-subscriptions", "POST", subscription.toJSON());
    state.textContent = "Notifications on, also when this page is closed (Web Push).";
  } catch (failure) {
    state.textContent = "Notifications on while this page is open; Web Push could not be set up ("
      + failure.message + "), so keep this page open.";
  }
}

const PUSH_SETUP_SECONDS = 10;

/** The promise's outcome, or a failure saying {@code what} once {@code seconds} have passed without one. */
function withinSeconds(seconds, promise, what) {
  let timer;
  const late = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(what + " within " + seconds + " s")), seconds * 1000);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

// --- Leads ------------------------------------------------------------------------------------------------------

async function refreshLeads() {
  if (!repId) return;
  try {
    held = await routing("/reps/" + encodeURIComponent(repId) + "/leads");
    await Promise.all(held.filter((lead) => lead.status === "working" && !nextSteps.has(lead.leadId))
      .map((lead) => routing("/leads/" + lead.leadId + "/follow-ups")
        .then((logged) => { if (logged.length) nextSteps.set(lead.leadId, logged[logged.length - 1]); })
        .catch(() => {})));
    render();
  } catch (failure) {
    if (token) say("Could not load your leads: " + failure.message, "problem");
  }
}

function render() {
  const byDeadline = (a, b) => (Date.parse(a.respondBy) || Infinity) - (Date.parse(b.respondBy) || Infinity);
  const open = held.filter((lead) => lead.status === "open").sort(byDeadline);
  const working = held.filter((lead) => lead.status === "working");
  const current = new Set(held.map((lead) => lead.leadId));
  cards.forEach((card, leadId) => {
    if (!current.has(leadId)) {
      card.remove();
      cards.delete(leadId);
    }
  });
  open.forEach((lead) => $("#to-call").append(update(card(lead.leadId), lead)));
  working.forEach((lead) => $("#next-steps").append(update(card(lead.leadId), lead)));
  $("#to-call-empty").hidden = open.length > 0;
  $("#next-steps-empty").hidden = working.length > 0;
  tick();
  const wanted = location.hash.match(/lead=([0-9a-f-]{36})/);
  if (wanted && cards.has(wanted[1])) {
    cards.get(wanted[1]).classList.add("wanted");
    cards.get(wanted[1]).scrollIntoView({block: "start"});
    history.replaceState(null, "", location.pathname);
  }
}

function card(leadId) {
  if (cards.has(leadId)) return cards.get(leadId);
  const node = $("#lead-card").content.firstElementChild.cloneNode(true);
  node.dataset.leadId = leadId;
  $(".acknowledge", node).addEventListener("click", () => acknowledge(leadId));
  $(".call", node).addEventListener("click", () => acknowledge(leadId));
  node.querySelectorAll("[data-due]").forEach((button) => button.addEventListener("click", () => {
    const due = new Date();
    if (button.dataset.due === "tomorrow-10") {
      due.setDate(due.getDate() + 1);
      due.setHours(10, 0, 0, 0);
    } else {
      due.setDate(due.getDate() + 7);
      due.setSeconds(0, 0);
    }
    const local = new Date(due.getTime() - due.getTimezoneOffset() * 60000);
    $("[name=dueAt]", node).value = local.toISOString().slice(0, 16);
  }));
  $("form", node).addEventListener("submit", (event) => {
    event.preventDefault();
    log(leadId, event.target);
  });
  cards.set(leadId, node);
  return node;
}

function update(node, lead) {
  const alert = alerts.get(lead.leadId) || {};
  node.dataset.status = lead.status;
  $(".name", node).textContent = alert.name || "Lead " + lead.leadId.slice(0, 8);
  $(".tier", node).textContent = alert.tier ? alert.tier + (alert.score != null ? " · " + alert.score : "") : "";
  $(".tier", node).className = "tier " + (alert.tier || "");
  const respondBy = lead.respondBy || alert.respondBy;
  const countdown = $(".countdown", node);
  if (lead.status === "open" && respondBy) {
    countdown.dataset.respondBy = respondBy;
    countdown.title = "respond by " + when(respondBy);
  } else {
    delete countdown.dataset.respondBy;
    countdown.textContent = lead.status === "open" ? "no deadline" : "";
    countdown.className = "countdown";
  }
  show($(".reminder", node), reminders.has(lead.leadId) ? reminders.get(lead.leadId) : "");
  const callLink = $(".call", node);
  callLink.hidden = !alert.telLink;
  if (alert.telLink) {
    callLink.href = alert.telLink;
    callLink.textContent = "Call " + alert.phone;
  }
  const signal = alert.signal;
  $(".trigger", node).textContent = signal ? words(signal.type) + (signal.occurredAt ? ", " + ago(signal.occurredAt) : "")
    : "details arrive with the alert";
  // The hours the prospect asked to be called, in their time zone, and in the rep's own when it differs.
  const callWindow = alert.callWindow;
  show($(".window", node), callWindow ? callWindow.hours + (callWindow.hours.endsWith(" " + localZone()) ? ""
    : " (" + when(callWindow.from) + " to " + when(callWindow.to) + " yours)") : "");
  $(".window-label", node).hidden = !callWindow;
  $(".interest", node).textContent = alert.interest || "—";
  $(".email", node).textContent = alert.email || "—";
  const step = nextSteps.get(lead.leadId);
  $(".next-step", node).textContent = step && step.nextStep ? words(step.nextStep.type)
    + (step.nextStep.dueAt ? " · " + when(step.nextStep.dueAt) : "") : "—";
  $(".notes", node).textContent = alert.notes || "";
  $(".notes", node).hidden = !alert.notes;
  $(".opening-line", node).textContent = alert.openingLine || "";
  $(".opening-line", node).hidden = !alert.openingLine;
  $(".acknowledge", node).hidden = Boolean(lead.acknowledgedAt);
  $(".seen-at", node).textContent = lead.acknowledgedAt ? "seen " + new Date(lead.acknowledgedAt).toLocaleTimeString() : "";
  return node;
}

async function acknowledge(leadId) {
  const lead = held.find((item) => item.leadId === leadId);
  if (!lead || lead.acknowledgedAt) return;
  try {
    const assignment = await routing("/leads/" + leadId + "/acknowledgement", "POST");
    lead.acknowledgedAt = assignment.acknowledgedAt;
    render();
  } catch (failure) {
    show($(".problem", cards.get(leadId)), failure.message);
  }
}

async function log(leadId, form) {
  const field = (name) => form.elements[name].value.trim();
  const body = {outcome: field("outcome") || null};
  if (field("objection")) body.objection = field("objection");
  if (field("nextStep") || field("dueAt")) {
    body.nextStep = {type: field("nextStep") || null};
    if (field("dueAt")) body.nextStep.dueAt = new Date(field("dueAt")).toISOString();
  }
  if (field("notes")) body.notes = field("notes");
  const problem = $(".problem", form);
  const button = $("button[type=submit]", form);
  button.disabled = true;
  try {
    const logged = await routing("/leads/" + leadId + "/follow-ups", "POST", body);
    show(problem, "");
    form.reset();
    const name = (alerts.get(leadId) || {}).name || "the lead";
    const next = logged.followUp.nextStep;
    nextSteps.set(leadId, logged.followUp);
    say("Logged attempt " + logged.followUp.attempt + " with " + name + ": " + words(logged.followUp.outcome)
      + (next && next.type ? ", next " + words(next.type) + (next.dueAt ? " " + when(next.dueAt) : "") : "")
      + (logged.leadStatus === "closed" ? ". Lead closed (" + words(logged.closedReason) + ")." : "."));
    await refreshLeads();
  } catch (failure) {
    show(problem, failure.message);
  } finally {
    button.disabled = false;
  }
}

// --- Start ------------------------------------------------------------------------------------------------------

$("#sign-in-form").addEventListener("submit", (event) => {
  event.preventDefault();
  signIn($("#token").value.trim());
});
$("#sign-out").addEventListener("click", () => signOut());
document.querySelectorAll("#presence button").forEach((button) =>
  button.addEventListener("click", () => setPresence(button.dataset.presence)));
$("#enable-push").addEventListener("click", enablePush);
setInterval(tick, 1000);
// The leads' state changes on the server too (reassignment, closure): re-read it now and then, not only on alerts.
setInterval(() => { if (repId && !document.hidden) refreshLeads(); }, 15000);

fetch("config.json").then((response) => response.json()).then((loaded) => { settings = loaded; })
  .catch(() => say("Could not read the console's settings; using " + settings.routingUrl, "problem"))
  .finally(() => {
    const saved = sessionStorage.getItem(TOKEN_KEY);
    if (saved) signIn(saved); else signOut();
  });
