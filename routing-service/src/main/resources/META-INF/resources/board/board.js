// The operators' board: open leads with their countdowns, the queue, reps and their load, recent lapses and
// escalations, the speed-to-lead report, and one lead's timeline. It reads routing-service's API with the signed-in bearer token (the server
// checks it; the payload is decoded here only to say who is signed in) and refreshes every few seconds.
"use strict";

const REFRESH_MS = 2000;
const TOKEN_KEY = "warmline.board.token";
const $ = (selector) => document.querySelector(selector);
let token = sessionStorage.getItem(TOKEN_KEY);
let shownLead = null;
let refreshTimer = null;
let rows = {openLeads: [], queue: []};

function claims(jwt) {
  try {
    const part = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(part.padEnd(part.length + (4 - part.length % 4) % 4, "=")));
  } catch (e) {
    return null;
  }
}

/** Calls the API; a refusal becomes an Error whose message is the problem's detail and its field errors. */
async function api(path) {
  return (await call(path)).json();
}

// A paged list whole: its pages in order, following each answer's Link rel="next" until the last one.
async function everyPage(path) {
  const rows = [];
  for (let next = path; next;) {
    const response = await call(next);
    rows.push(...await response.json());
    const link = /<([^>]*)>\s*;\s*rel="next"/.exec(response.headers.get("Link") || "");
    next = link ? link[1] : null;
  }
  return rows;
}

async function call(path) {
  const response = await fetch(path, {headers: {Authorization: "Bearer " + token, Accept: "application/json"}});
  if (response.ok) {
    return response;
  }
  let message = response.status + " " + response.statusText;
  try {
    const problem = await response.json();
    message = problem.detail || problem.title || message;
    (problem.errors || []).forEach((e) => { message += "\n" + e.field + ": " + e.reason; });
  } catch (e) { /* not problem details */ }
  const failure = new Error(message);
  failure.status = response.status;
  throw failure;
}

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (value !== null && value !== undefined) node.setAttribute(name, value);
  });
  children.flat().forEach((child) => node.append(child instanceof Node ? child : String(child ?? "")));
  return node;
}

function show(node, text) {
  node.textContent = text || "";
  node.hidden = !text;
}

function clock(seconds) {
  const s = Math.abs(Math.round(seconds));
  const hms = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60];
  const text = (hms[0] ? hms[0] + ":" : "") + String(hms[1]).padStart(2, "0") + ":" + String(hms[2]).padStart(2, "0");
  return seconds < 0 ? "overdue " + text : text;
}

/** A countdown cell: its text is recomputed every second from the deadline, on this browser's clock. */
function countdown(respondBy) {
  if (!respondBy) return el("span", {class: "countdown none"}, "no deadline");
  return el("span", {class: "countdown", "data-respond-by": respondBy, title: new Date(respondBy).toLocaleString()});
}

function tick() {
  document.querySelectorAll(".countdown[data-respond-by]").forEach((node) => {
    const left = (Date.parse(node.dataset.respondBy) - Date.now()) / 1000;
    node.textContent = clock(left);
    node.classList.toggle("overdue", left < 0);
    node.classList.toggle("soon", left >= 0 && left < 300);
  });
}

function ago(instant) {
  return instant ? clock((Date.now() - Date.parse(instant)) / 1000) + " ago" : "never";
}

function when(instant) {
  return new Date(instant).toLocaleString([], {dateStyle: "medium", timeStyle: "short"});
}

function time(instant) {
  return el("time", {datetime: instant, title: instant}, new Date(instant).toLocaleTimeString());
}

function leadLink(leadId) {
  return el("a", {href: "#lead=" + leadId, class: "lead-link", "data-lead-id": leadId}, leadId.slice(0, 8));
}

function tier(name, score) {
  return el("span", {class: "tier " + name}, name + (score === undefined ? "" : " · " + score));
}

function fill(table, items, row) {
  const body = table.querySelector("tbody");
  body.replaceChildren(...items.map(row));
  table.parentElement.querySelector(".empty").hidden = items.length > 0;
}

async function refresh() {
  const [open, queue, reps, escalations] = await Promise.allSettled([
    everyPage("/open-leads?limit=500"), everyPage("/queue?limit=500"), everyPage("/reps?limit=500"),
    api("/escalations")]);
  const failures = [open, queue, reps, escalations].filter((r) => r.status === "rejected");
  if (failures.some((f) => f.reason.status === 401)) {
    signOut("Your token was refused (" + failures[0].reason.message + "): sign in again.");
    return;
  }
  if (open.status === "fulfilled") {
    rows.openLeads = open.value;
    fill($("#open-leads"), open.value, (lead) => el("tr", {"data-lead-id": lead.leadId},
      el("td", {}, leadLink(lead.leadId)), el("td", {}, tier(lead.tier, lead.score)),
      el("td", {}, lead.repId + (lead.assignmentNumber > 1 ? " (#" + lead.assignmentNumber + ")" : "")),
      el("td", {}, countdown(lead.respondBy)), el("td", {}, lead.acknowledgedAt ? "yes" : "not yet"),
      el("td", {}, lead.attempts), el("td", {}, lead.lapses)));
  }
  if (queue.status === "fulfilled") {
    fill($("#queue"), queue.value, (lead) => el("tr", {"data-lead-id": lead.leadId},
      el("td", {}, leadLink(lead.leadId)), el("td", {}, tier(lead.tier, lead.score)),
      el("td", {}, lead.notBefore && Date.parse(lead.notBefore) > Date.now()
        ? "window opens " + new Date(lead.notBefore).toLocaleTimeString([], {timeStyle: "short"})
        : clock(lead.waitSeconds)), el("td", {}, countdown(lead.respondBy))));
  } else if (queue.reason.status === 403) {
    $("#queue").parentElement.querySelector(".empty").textContent = "The queue is for operators.";
    fill($("#queue"), [], () => null);
  }
  if (reps.status === "fulfilled") {
    // Who can take a lead now first, then who is holding leads; the name breaks ties.
    const order = ["available", "busy", "away", "offline"];
    const present = reps.value.slice().sort((a, b) => order.indexOf(a.presence) - order.indexOf(b.presence)
      || b.openLeads - a.openLeads || a.name.localeCompare(b.name));
    fill($("#reps"), present, (rep) => el("tr", {"data-rep-id": rep.id},
      el("td", {}, el("strong", {}, rep.name), " ", el("small", {}, rep.id)), el("td", {}, rep.teamId),
      el("td", {}, el("span", {class: "presence " + rep.presence}, rep.presence)),
      el("td", {}, el("meter", {min: 0, max: rep.capacity, value: rep.openLeads}), " " + rep.openLeads + "/" + rep.capacity),
      el("td", {}, ago(rep.lastHeartbeatAt))));
  }
  if (escalations.status === "fulfilled") {
    fill($("#escalations"), escalations.value, (step) => el("tr", {class: step.kind},
      el("td", {}, time(step.at)), el("td", {}, step.kind), el("td", {}, leadLink(step.leadId)),
      el("td", {}, step.repId || ""),
      el("td", {}, [step.detail.step && "step " + step.detail.step, step.detail.target, step.detail.channel,
        step.detail.lapses && "lapse " + step.detail.lapses].filter(Boolean).join(" · "))));
  }
  const other = failures.find((f) => f.reason.status !== 403);
  show($("#board-problem"), other ? "Could not refresh: " + other.reason.message : "");
  if (shownLead) await showLead(shownLead, false);
  tick();
  $("#updated-at").textContent = new Date().toLocaleTimeString();
  $("#updated-at").dateTime = new Date().toISOString();
  $("#updated").hidden = false;
}

function describe(entry) {
  const d = entry.detail || {};
  switch (entry.kind) {
    case "received": return "received from vendor " + (d.vendorId || "?");
    case "scored": return "scored " + d.score + " (" + d.tier + ")"
      + (d.respondBy && d.respondBy !== "null" ? ", respond by " + when(d.respondBy) : "");
    case "queued": return "queued: " + (d.why || "");
    case "assigned": return "assigned to " + entry.repId + " (" + d.strategy + "): " + d.reason;
    case "alerted": case "reminded": case "escalated":
      return entry.kind + " " + [d.target, d.channel && "by " + d.channel, d.reason].filter(Boolean).join(", ");
    case "attempt":
      return "attempt " + d.attempt + ": " + d.outcome + (d.objection ? " (" + d.objection + ")" : "")
        + " → " + d.nextStep + (d.dueAt && d.dueAt !== "null" ? " on " + when(d.dueAt) : "");
    case "lapsed": return "deadline lapsed with " + entry.repId + " (lapse " + d.lapses + ")";
    case "closed": return "closed: " + d.reason;
    default: return entry.kind + (entry.repId ? " (" + entry.repId + ")" : "");
  }
}

async function showLead(leadId, announce) {
  shownLead = leadId;
  if (announce) {
    $("#lead-id").value = leadId;
    $("#lead").hidden = true;
  }
  try {
    const [lead, timeline] = await Promise.all([api("/leads/" + leadId), api("/leads/" + leadId + "/timeline")]);
    const current = lead.assignments[lead.assignments.length - 1];
    $("#lead-summary").replaceChildren(el("strong", {}, lead.leadId), " ", tier(lead.tier, lead.score), " ",
      el("span", {class: "status"}, lead.status + (lead.closedReason ? " (" + lead.closedReason + ")" : "")),
      current ? " · " + current.repId + " · " + current.status + " " : " ",
      current && current.status === "open" ? countdown(current.respondBy) : "");
    $("#timeline").replaceChildren(...timeline.map((entry) => el("li", {"data-kind": entry.kind},
      time(entry.at), " ", el("span", {class: "kind"}, entry.kind), " ", describe(entry))));
    $("#lead").hidden = false;
    show($("#lead-problem"), "");
    tick();
  } catch (failure) {
    $("#lead").hidden = true;
    show($("#lead-problem"), failure.message);
  }
}

// The speed-to-lead report: the share called within the deadline as bars (the line everyone looks for), the
// figures beside them, one line per team, rep, vendor or tier in the key's order (every page, as the other lists).
let reportLines = [];

function seconds(value) {
  return value === null || value === undefined ? "–" : clock(value);
}

function drawReport() {
  fill($("#report"), reportLines, (line) => el("tr", {"data-key": line.key},
    el("th", {scope: "row"}, line.key), el("td", {}, line.leads),
    el("td", {}, Math.round(line.shareWithinDeadline * 100) + "% (" + line.calledWithinDeadline + ")"),
    el("td", {}, seconds(line.firstCallP50Seconds)), el("td", {}, seconds(line.firstCallP90Seconds)),
    el("td", {}, line.connects), el("td", {}, line.nextSteps), el("td", {}, line.lapses),
    el("td", {}, Object.entries(line.closures).map(([reason, count]) => reason + " " + count).join(", "))));
  const chart = $("#report-chart");
  const ns = "http://www.w3.org/2000/svg";
  const svg = (tag, attributes, text) => {
    const node = document.createElementNS(ns, tag);
    Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const row = 22, label = 160, width = 640;
  chart.setAttribute("viewBox", "0 0 " + width + " " + (reportLines.length * row + 4));
  chart.setAttribute("width", width);
  chart.setAttribute("height", reportLines.length * row + 4);
  chart.replaceChildren(...reportLines.flatMap((line, i) => {
    const share = line.shareWithinDeadline;
    const bar = (width - label - 60) * share;
    return [svg("text", {x: label - 8, y: i * row + 15, "text-anchor": "end"}, line.key),
      svg("rect", {x: label, y: i * row + 3, width: width - label - 60, height: row - 8, class: "track"}),
      svg("rect", {x: label, y: i * row + 3, width: bar, height: row - 8,
        class: share >= 0.8 ? "good" : share >= 0.5 ? "fair" : "poor"}),
      svg("text", {x: width - 52, y: i * row + 15}, Math.round(share * 100) + "%")];
  }));
  chart.hidden = reportLines.length === 0;
}

async function loadReport() {
  const to = new Date();
  const from = new Date(to.getTime() - Number($("#report-period").value) * 86400000);
  try {
    reportLines = await everyPage("/reports/speed-to-lead?by=" + $("#report-by").value + "&from="
      + from.toISOString() + "&to=" + to.toISOString());
    drawReport();
    show($("#report-problem"), "");
  } catch (failure) {
    show($("#report-problem"), failure.message);
  }
}

function signIn(jwt) {
  const payload = claims(jwt);
  if (!payload || !payload.sub) {
    show($("#sign-in-problem"), "That is not a bearer token (a JWT: three dot-separated parts).");
    return;
  }
  token = jwt;
  sessionStorage.setItem(TOKEN_KEY, jwt);
  const role = (payload.groups || []).join(", ");
  $("#who").textContent = payload.sub + " · " + role + (payload.team ? " · team " + payload.team : "");
  $("#who").hidden = $("#sign-out").hidden = false;
  $("#sign-in").hidden = true;
  $("#board").hidden = false;
  show($("#sign-in-problem"), "");
  refresh();
  refreshTimer = setInterval(refresh, REFRESH_MS);
  loadReport();
  const hash = location.hash.match(/lead=([0-9a-f-]{36})/);
  if (hash) showLead(hash[1], true);
}

function signOut(message) {
  token = null;
  sessionStorage.removeItem(TOKEN_KEY);
  clearInterval(refreshTimer);
  $("#board").hidden = $("#who").hidden = $("#sign-out").hidden = $("#updated").hidden = true;
  $("#sign-in").hidden = false;
  show($("#sign-in-problem"), message || "");
}

$("#sign-in-form").addEventListener("submit", (event) => {
  event.preventDefault();
  signIn($("#token").value.trim());
});
$("#sign-out").addEventListener("click", () => signOut());
$("#report-form").addEventListener("submit", (event) => {
  event.preventDefault();
  loadReport();
});
$("#report-by").addEventListener("change", () => loadReport());
$("#report-period").addEventListener("change", () => loadReport());
$("#find-lead").addEventListener("submit", (event) => {
  event.preventDefault();
  const id = $("#lead-id").value.trim();
  if (id) showLead(id, true);
});
document.addEventListener("click", (event) => {
  const link = event.target.closest(".lead-link");
  if (link) {
    event.preventDefault();
    history.replaceState(null, "", "#lead=" + link.dataset.leadId);
    showLead(link.dataset.leadId, true);
  }
});
setInterval(tick, 1000);
if (token) signIn(token); else signOut();
