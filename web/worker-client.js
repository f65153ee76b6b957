// The page's end of the worker: starts it, sends messages (built with protocol.js toWorker), and
// hands each message from it to every listener of its type (in the order they were added).
export function startWorker(url) {
  const worker = new Worker(url, { type: 'module' });
  const listeners = new Map();
  const emit = (type, msg) => { for (const fn of listeners.get(type) ?? []) fn(msg); };
  worker.onmessage = ({ data: msg }) => emit(msg.type, msg);
  worker.onerror = (e) => emit('fatal', { type: 'fatal', message: `worker: ${e.message || 'could not start'}`, startFailed: true });
  return {
    // A message that cannot be copied to the worker is reported, never thrown at the caller.
    send(msg) {
      try { worker.postMessage(msg); } catch (e) { emit('invalid', { type: 'invalid', field: 'spec', message: `spec: could not be sent to the worker (${e.message})`, note: '', source: msg.source ?? '' }); }
    },
    on(type, fn) { if (!listeners.has(type)) listeners.set(type, []); listeners.get(type).push(fn); },
  };
}
