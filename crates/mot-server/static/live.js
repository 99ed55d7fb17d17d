// The board's live connection: one WebSocket that resumes from the last change
// seen, reconnects with back-off after sleep or a network loss, and detects a
// dead connection by heartbeat.

export function connectLive({ journeyId, lastSeq, onFrame, onRefresh, onStatus, onPresence = () => {} }) {
  let ws = null;
  let retry = 0;
  let timer = null;
  let lastHeard = Date.now();
  let stopped = false;

  function open() {
    clearTimeout(timer);
    if (stopped) return;
    // No network: nothing to try until the browser says it is back ('online').
    if (navigator.onLine === false) { onStatus('offline'); schedule(); return; }
    const proto = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${proto}://${location.host}/j/${journeyId}/live?since=${lastSeq()}`);
    ws = socket;
    onStatus('connecting');
    socket.onmessage = (e) => {
      lastHeard = Date.now();
      let f;
      try { f = JSON.parse(e.data); } catch { return; }
      if (f.type === 'ready') { retry = 0; onStatus('live'); }
      else if (f.type === 'refresh') onRefresh(f.seq);
      else if (f.type === 'presence') onPresence(f.here);
      else if (f.type === 'pong' || f.type === 'ack' || f.type === 'error') { /* nothing */ }
      else if (typeof f.seq === 'number') {
        const seq = lastSeq();
        if (f.seq <= seq) return;
        // A frame may stand for the changes from `from` to `seq` (counts
        // that later ones supersede, sent once).
        if ((f.from ?? f.seq) > seq + 1) { send({ type: 'resume', since: seq }); return; }
        onFrame(f);
      }
    };
    socket.onclose = (e) => {
      if (ws !== socket) return;
      ws = null;
      // 1008: this person's session or guest place has ended (logout,
      // expiry, removal); reconnecting would be refused, so stop and say so.
      onPresence(null);
      if (e.code === 1008) { stopped = true; onStatus('ended'); return; }
      onStatus('offline');
      schedule();
    };
    socket.onerror = () => socket.close();
  }

  function schedule() {
    clearTimeout(timer);
    const delay = Math.min(1000 * 2 ** retry, 15000) * (0.8 + Math.random() * 0.4);
    retry += 1;
    timer = setTimeout(open, delay);
  }

  function send(obj) {
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(obj));
  }

  function reconnectNow() {
    if (ws && ws.readyState <= WebSocket.OPEN) return;
    retry = 0;
    open();
  }

  // Heartbeat: a laptop that slept may hold a socket that is dead without knowing.
  setInterval(() => {
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    if (Date.now() - lastHeard > 45000) { ws.close(); return; }
    send({ type: 'ping' });
  }, 15000);
  window.addEventListener('online', reconnectNow);
  // The browser knows the network is gone: say so now rather than when the
  // heartbeat notices, and start afresh (from the last change seen) once back.
  window.addEventListener('offline', () => {
    clearTimeout(timer);
    if (ws) { const s = ws; ws = null; s.close(); }
    onStatus('offline');
    schedule();
  });
  document.addEventListener('visibilitychange', () => { if (!document.hidden) reconnectNow(); });
  window.addEventListener('pagehide', () => { stopped = true; if (ws) ws.close(); });

  open();
  return { send, reconnectNow, close: () => { stopped = true; if (ws) ws.close(); } };
}
