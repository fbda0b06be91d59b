// Shared by the ESP stand-ins (mailchimp.html, brevo.html, tripolis.html, carerix.html): wires
// the page's OWN buttons. A button with data-opens="<id>" opens that modal (a confirmation step,
// as the ESPs' help pages describe); a button with data-records="<how>" records a send into
// window.outbox (common.js). Nothing leaves the page.
for (const button of document.querySelectorAll("[data-opens]")) {
  button.addEventListener("click", () => {
    document.getElementById(button.dataset.opens).hidden = false;
  });
}
for (const button of document.querySelectorAll("[data-records]")) {
  button.addEventListener("click", () => {
    const modal = button.closest("[role=dialog]");
    if (modal) modal.hidden = true;
    record(button.dataset.records, location.hostname);
  });
}
