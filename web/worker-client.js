// The page's end of the worker: starts it, sends messages (built with protocol.js toWorker), and
// hands each message from it to every listener of its type (in the order they were added).
export function startWorker(url) {
  const worker = new Worker(url, { type: 'module' });
  const listeners = new Map();
  const emit = (type, msg) => { for (const fn of listeners.get(type) ?? []) fn(msg); };
  worker.onmessage = ({ data: msg }) => emit(msg.type, msg);
  worker.onerror = (e) => emit('fatal', { type: 'fatal', message: `worker: ${e.message || 'could not start'}`, startFailed: true });
  return {
    send: (msg) => worker.postMessage(msg),
    on(type, fn) { if (!listeners.has(type)) listeners.set(type, []); listeners.get(type).push(fn); },
  };
}
