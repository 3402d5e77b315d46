// Package graphql is the built-in module "wsrun/graphql": GraphQL over WebSocket for test
// scripts, in both wire protocols, graphql-transport-ws (the graphql-ws library; the default)
// and the legacy graphql-ws of subscriptions-transport-ws, chosen by subprotocol negotiation.
// graphql.connect (or graphql.over an open Connection) sends connection_init and waits for the
// ack; a Client runs queries and mutations (GraphQL errors resolve, transport failures and
// timeouts reject) and subscriptions, whose payloads, errors and completion wait in an inbox of
// wsrun/internal until expected, so they fail the way Connection.expect does. Queries and a
// subscription's first payload are timed for the latency table under the operation's name.
//
// The module is graphql.js, JavaScript on the public Connection API, embedded in the binary;
// this package only embeds it. docs/protocols.md documents it for users.
package graphql
