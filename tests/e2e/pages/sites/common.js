// Shared by the site stand-ins in this folder (tests/e2e/sites.test.mjs): the page's own "send"
// records into window.outbox instead of sending anything; nothing leaves the page.
window.outbox = [];
window.record = (how, where) => {
  window.outbox.push({ how, where });
  const count = document.getElementById("sent");
  if (count) count.textContent = String(window.outbox.length);
};
/** Twelve outside addresses (recipients-exposed needs more than 10 external ones in To/Cc). */
window.manyAddresses = () => Array.from({ length: 12 }, (_, i) => `klant${i + 1}@klant${i + 1}.example`);
