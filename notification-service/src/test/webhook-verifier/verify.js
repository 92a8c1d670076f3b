// Verifies one webhook with the Standard Webhooks library: the message (body and headers) as JSON on stdin, the
// secret in WEBHOOK_SECRET. Exit 0 when it verifies, 1 with the library's reason when it does not.
const { Webhook } = require("standardwebhooks");

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const message = JSON.parse(input);
  try {
    new Webhook(process.env.WEBHOOK_SECRET).verify(message.body, message.headers);
  } catch (refused) {
    console.error(String(refused.message || refused));
    process.exit(1);
  }
});
