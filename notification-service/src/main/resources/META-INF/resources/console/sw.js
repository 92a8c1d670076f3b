// The rep console's service worker: shows a Web Push alert when the console is closed (notification-service sends
// {kind, title, body, leadId, telLink}), and on a tap opens the console at that lead, or dials it.
"use strict";

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (e) {
    data = {title: "Warmline", body: event.data ? event.data.text() : ""};
  }
  event.waitUntil(self.registration.showNotification(data.title || "Warmline", {
    body: data.body || "",
    tag: data.leadId || undefined,
    renotify: Boolean(data.leadId),
    requireInteraction: data.kind === "alert",
    data: {leadId: data.leadId, telLink: data.telLink},
    actions: data.telLink ? [{action: "call", title: "Call now"}] : []
  }));
});

self.addEventListener("notificationclick", (event) => {
  const data = event.notification.data || {};
  event.notification.close();
  if (event.action === "call" && data.telLink) {
    event.waitUntil(self.clients.openWindow(data.telLink));
    return;
  }
  const url = new URL(data.leadId ? "./#lead=" + data.leadId : "./", self.registration.scope).href;
  event.waitUntil(self.clients.matchAll({type: "window", includeUncontrolled: true}).then((windows) => {
    const open = windows.find((w) => w.url.startsWith(self.registration.scope));
    return open ? open.navigate(url).then((w) => (w || open).focus()) : self.clients.openWindow(url);
  }));
});
