import type { IncomingMessage } from 'node:http';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../logger.js';

/**
 * Bytes a socket may have waiting in its send buffer before a subscription waits for it to drain.
 * Below this, a message is handed to the socket without waiting for the write to finish, so the
 * messages of a burst reach the kernel together instead of one system call each; above it, a slow
 * client holds back its own subscriptions (their events wait in `liveEvents`, which is bounded too).
 */
export const SEND_HIGH_WATER_MARK = 1 << 20;

export interface GraphqlWsExtra {
  socket: WebSocket;
  request: IncomingMessage;
  /** Writes a message now unless the socket is closed or its buffer is full (then false). */
  sendNow: (message: string) => boolean;
}

const reasonOf = (err: unknown, isProd: boolean) => {
  const reason = isProd ? 'Internal server error' : err instanceof Error ? err.message : String(err);
  return reason.length < 124 ? reason : 'Internal server error';
};

/**
 * graphql-ws (`graphql-transport-ws`) on a `ws` server: graphql-ws's own `useServer`, except for how
 * messages are written: a message does not wait for its write to complete while the socket's buffer
 * is below SEND_HIGH_WATER_MARK (see above), and the socket is corked until the end of the tick, so
 * the messages a socket gets in one tick leave in one system call. Keep-alive pings every
 * `keepAliveMs`; a socket that does not answer one before the next is terminated.
 */
export function useGraphqlWs(options: ServerOptions<Record<string, unknown>, GraphqlWsExtra>, wss: WebSocketServer, keepAliveMs: number, log: Logger) {
  const isProd = process.env.NODE_ENV === 'production';
  const server = makeServer(options);
  wss.options.handleProtocols = handleProtocols;
  wss.once('error', (err) => {
    log.error({ err }, 'WebSocket server error');
    for (const client of wss.clients) client.close(CloseCode.InternalServerError, reasonOf(err, isProd));
  });
  wss.on('connection', (socket, request) => {
    socket.once('error', (err) => {
      log.warn({ err }, 'WebSocket error');
      socket.close(CloseCode.InternalServerError, reasonOf(err, isProd));
    });
    let pongWait: NodeJS.Timeout | null = null;
    const pingInterval = keepAliveMs > 0 && Number.isFinite(keepAliveMs)
      ? setInterval(() => {
        if (socket.readyState !== socket.OPEN) return;
        pongWait = setTimeout(() => socket.terminate(), keepAliveMs);
        socket.once('pong', () => {
          if (pongWait) clearTimeout(pongWait);
          pongWait = null;
        });
        socket.ping();
      }, keepAliveMs)
      : null;
    // Messages sent to this socket in one tick (e.g. a burst of events) leave in one write.
    const tcp = request.socket;
    let corked = false;
    const uncork = () => {
      corked = false;
      tcp.uncork();
    };
    const cork = () => {
      if (corked) return;
      corked = true;
      tcp.cork();
      process.nextTick(uncork);
    };
    const sendNow = (message: string) => {
      if (socket.readyState !== socket.OPEN || socket.bufferedAmount >= SEND_HIGH_WATER_MARK) return false;
      cork();
      socket.send(message);
      return true;
    };
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) => {
          if (socket.readyState !== socket.OPEN || sendNow(data)) return;
          cork();
          return new Promise<void>((resolve, reject) => socket.send(data, (err) => (err ? reject(err) : resolve())));
        },
        close: (code, reason) => socket.close(code, reason),
        onMessage: (cb) =>
          socket.on('message', async (message) => {
            try {
              await cb(String(message));
            } catch (err) {
              log.error({ err }, 'graphql-ws message handling failed');
              socket.close(CloseCode.InternalServerError, reasonOf(err, isProd));
            }
          }),
      },
      { socket, request, sendNow },
    );
    socket.once('close', (code, reason) => {
      if (pongWait) clearTimeout(pongWait);
      if (pingInterval) clearInterval(pingInterval);
      void closed(code, String(reason));
    });
  });
  return {
    async dispose() {
      for (const client of wss.clients) client.close(1001, 'Going away');
      wss.removeAllListeners();
      await new Promise<void>((resolve, reject) => wss.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
