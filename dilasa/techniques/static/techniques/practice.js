// Offline completion, kept small and honest: when the form is sent with no connection, what was written is
// held in this page's memory only (never in the phone's storage) and posted once the connection returns.
// Close the page and it is gone. The form's hidden submission id makes a repeated post store once.
(() => {
  const form = document.getElementById("entry");
  if (!form || !window.fetch) return;
  const status = document.getElementById("queue");
  let queued = null;
  const show = (text) => { status.textContent = text; status.hidden = false; };
  const send = (data) =>
    fetch(location.href, { method: "POST", body: data, credentials: "same-origin", redirect: "manual" }).then((r) => {
      queued = null;
      // Stored: the server redirects back to this page, which then lists it (and says so). Otherwise what
      // was written is still in the form on screen; Save (online now) shows what to fix.
      if (r.type === "opaqueredirect") location.assign(location.href);
      else show(form.dataset.failed);
    });
  form.addEventListener("submit", (event) => {
    if (navigator.onLine) return; // online: the ordinary post
    event.preventDefault();
    queued = new FormData(form);
    show(form.dataset.offline);
  });
  window.addEventListener("online", () => {
    if (!queued) return;
    show(form.dataset.sending);
    send(queued).catch(() => show(form.dataset.offline));
  });
})();
