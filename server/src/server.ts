import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { describeError } from './logger';
import { startServer } from './startServer';

// With no streams given, the transport comes from argv: --stdio, --node-ipc or --socket=<port>.
const connection = createConnection(ProposedFeatures.all);

// A bug in one request must not take the server down with every open document; log it and keep serving.
process.on('unhandledRejection', (reason) => {
  connection.console.error(`Unhandled rejection: ${describeError(reason)}`);
});
process.on('uncaughtException', (error) => {
  connection.console.error(`Uncaught exception: ${describeError(error)}`);
});

startServer(connection);
