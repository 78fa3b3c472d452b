/* VoiceGate agent app: vanilla JS, no build step. Protocol: agent-notifier/README.md. */
(function () {
  'use strict';

  var PROTOCOL = 'voicegate.agent.v1';
  var TOKEN_KEY = 'voicegate.agent.token';
  var PARAMS_KEY = 'voicegate.agent.params';
  var PING_MS = 25000;
  var MAX_BACKOFF_MS = 30000;

  var RESULT_TEXT = {
    TRUE_HIGH: 'Voice matches · high confidence', TRUE_MEDIUM: 'Voice matches · medium confidence',
    TRUE_LOW: 'Weak match · low confidence', FALSE_LOW: 'Probably not the claimed caller',
    FALSE_MEDIUM: 'Not the claimed caller', FALSE_HIGH: 'Not the claimed caller · high confidence',
    LOW_DATA: 'Not enough speech to decide', NO_DATA: 'No usable speech', ERROR: 'Voice check failed'
  };
  var RESULT_SHORT = {
    TRUE_HIGH: 'Match', TRUE_MEDIUM: 'Match', TRUE_LOW: 'Weak match', FALSE_LOW: 'No match', FALSE_MEDIUM: 'No match',
    FALSE_HIGH: 'No match', LOW_DATA: 'Low data', NO_DATA: 'No data', ERROR: 'Error'
  };
  var SEARCH_TEXT = { NO_USER_FOUND: 'No enrolled caller found', FOUND_ONE: 'Identified one enrolled caller',
    FOUND_MANY: 'Several possible callers', FOUND_TOO_MANY: 'Too many possible callers' };
  var KIND_TEXT = { VERIFY: 'Verification', IDENTIFY: 'Identification', ENROLL: 'Enrollment' };
  var STATE_TEXT = { REQUESTED: 'Requested', RESUMING: 'Starting audio', LISTENING: 'Listening', DECIDING: 'Deciding',
    COMPLETED: 'Completed', FAILED: 'Failed', CANCELLED: 'Cancelled' };
  var IDENTITY_TEXT = { ANONYMOUS: 'Anonymous', RECOGNIZED: 'Recognized · not verified', AUTHENTICATED: 'Authenticated' };
  /* Why the decision policy overruled a voice match (BioVeto / the agent's rejection; docs/decision-policy.md). */
  var VETO_TEXT = { SPOOF_SUSPECTED: 'replayed or synthetic voice suspected', BLOCKLIST_MATCH: 'the voice matches a known fraudster',
    SPEAKER_CHANGED: 'the speaker changed during the call' };
  var LIVENESS_TEXT = { GENUINE: 'Live voice', SPOOFED: 'Replay or synthetic voice suspected', LOW_DATA: 'Not enough speech to check',
    LOW_CONF: 'Not confirmed (inconclusive)', TIMEOUT: 'Check timed out' };
  var ALERT_TEXT = { BLOCKLIST_MATCH: 'Blocklist match — possible fraudster', SPOOF_SUSPECTED: 'Spoofed or synthetic voice suspected',
    SPEAKER_CHANGED: 'Speaker changed during the call' };
  var COMMAND_TEXT = { VERIFY_AGAIN: 'Verify again', IDENTIFY: 'Identify', ENROLL: 'Enroll', OPT_OUT: 'Opt out',
    CONFIRM_IDENTITY: 'Confirm identity', REJECT_IDENTITY: 'Reject identity', REPORT_FRAUD: 'Report fraud',
    SET_CLAIMED_ID: 'Claimed identity' };

  var $ = function (id) { return document.getElementById(id); };
  var state = { conversations: {}, selected: null, fixedConversation: null, user: null, ws: null, attempts: 0,
    everOpened: false, pending: {}, pingTimer: null, retryTimer: null };

  /* ---------- parameters and token ---------- */
  function readParams() {
    var q = new URLSearchParams(location.search);
    var h = new URLSearchParams(location.hash.replace(/^#/, ''));
    var saved = {};
    try { saved = JSON.parse(sessionStorage.getItem(PARAMS_KEY) || '{}'); } catch (e) { saved = {}; }
    var p = {
      conversationId: q.get('conversationId') || saved.conversationId || null,
      gcHostOrigin: q.get('gcHostOrigin') || saved.gcHostOrigin || null,
      gcTargetEnv: q.get('gcTargetEnv') || saved.gcTargetEnv || null,
      clientId: q.get('clientId') || saved.clientId || null
    };
    var token = q.get('token') || q.get('access_token') || h.get('access_token');
    if (token) { sessionStorage.setItem(TOKEN_KEY, token); }
    sessionStorage.removeItem(PARAMS_KEY);
    if (token || h.get('access_token')) {
      // Keep tokens out of the address bar, history and screenshots.
      var keep = new URLSearchParams(location.search);
      keep.delete('token'); keep.delete('access_token');
      history.replaceState(null, '', location.pathname + (keep.toString() ? '?' + keep.toString() : ''));
    }
    p.token = sessionStorage.getItem(TOKEN_KEY);
    return p;
  }

  /** Genesys Interaction Widget without a token: implicit-grant login against the org's region. */
  function genesysLogin(p) {
    if (!p.clientId || !p.gcHostOrigin) { return false; }
    var host;
    try { host = new URL(p.gcHostOrigin).hostname; } catch (e) { return false; }
    var domain = host.replace(/^apps\./, '');
    if (!/^[a-z0-9.-]+\.(mypurecloud\.[a-z.]+|pure\.cloud)$/.test(domain)) { return false; }
    sessionStorage.setItem(PARAMS_KEY, JSON.stringify(p));
    var redirect = location.origin + location.pathname;
    location.assign('https://login.' + domain + '/oauth/authorize?response_type=token&client_id=' +
      encodeURIComponent(p.clientId) + '&redirect_uri=' + encodeURIComponent(redirect));
    return true;
  }

  /* ---------- connection ---------- */
  function setConn(kind, text) {
    $('conn').setAttribute('data-state', kind);
    $('conn-text').textContent = text;
  }

  function connect(token) {
    clearTimeout(state.retryTimer);
    setConn('connecting', state.attempts ? 'Reconnecting…' : 'Connecting…');
    var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/agent/ws';
    var ws;
    try { ws = new WebSocket(url, [PROTOCOL, 'bearer.' + token]); } catch (e) { scheduleReconnect(token); return; }
    state.ws = ws;
    ws.onopen = function () {
      state.everOpened = true;
      state.attempts = 0;
      setConn('open', 'Live');
      state.pingTimer = setInterval(function () { send({ type: 'ping' }); }, PING_MS);
    };
    ws.onmessage = function (ev) {
      var msg;
      try { msg = JSON.parse(ev.data); } catch (e) { return; }
      handle(msg);
    };
    ws.onclose = function (ev) {
      clearInterval(state.pingTimer);
      state.ws = null;
      failPending('Connection lost before an answer; please try again.');
      if (ev.code === 4001) { signInExpired(); return; }
      scheduleReconnect(token, ev.code);
    };
  }

  /** The server closed the socket because the token expired (4001): sign in again, never retry with it. */
  function signInExpired() {
    sessionStorage.removeItem(TOKEN_KEY);
    if (state.params && genesysLogin(state.params)) { return; }
    state.conversations = {}; state.selected = null;
    render();
    setConn('closed', 'Sign-in expired');
    $('empty').querySelector('h1').textContent = 'Sign-in expired';
    $('empty-text').textContent = 'Your sign-in has expired. Open this page again with a new token (…/agent/?token=…) or from the Genesys Cloud widget.';
  }

  function scheduleReconnect(token, code) {
    var n = state.attempts++;
    var delay = Math.min(MAX_BACKOFF_MS, 500 * Math.pow(2, n)) * (0.5 + Math.random() * 0.5);
    var seconds = Math.max(1, Math.round(delay / 1000));
    var why = code === 4008 ? 'Connection too slow. ' : '';
    if (!state.everOpened && n >= 2) { why = 'Cannot connect (is the sign-in still valid?). '; }
    setConn('closed', why + 'Retrying in ' + seconds + ' s');
    state.retryTimer = setTimeout(function () { connect(token); }, delay);
  }

  function send(obj) {
    if (!state.ws || state.ws.readyState !== WebSocket.OPEN) { return false; }
    state.ws.send(JSON.stringify(obj));
    return true;
  }

  /* ---------- messages ---------- */
  function handle(msg) {
    switch (msg.type) {
      case 'hello':
        state.user = msg.user;
        $('agent-line').textContent = 'Signed in as ' + (msg.user.displayName || msg.user.userId);
        $('agent-line').hidden = false;
        $('fraud-btn').hidden = (msg.user.roles || []).indexOf('SUPERVISOR') < 0;
        break;
      case 'snapshot':
        state.conversations = {};
        (msg.conversations || []).forEach(function (c) { state.conversations[c.conversationId] = c; });
        render();
        break;
      case 'conversation':
        state.conversations[msg.conversation.conversationId] = msg.conversation;
        state.endedReason = null;
        render();
        break;
      case 'progress':
        applyProgress(msg.progress);
        break;
      case 'removed':
        delete state.conversations[msg.conversationId];
        state.endedReason = msg.reason || null;
        render();
        break;
      case 'commandResult':
        onCommandResult(msg);
        break;
      case 'error':
        onCommandResult({ requestId: msg.requestId, accepted: false, reason: msg.message });
        break;
      default:
        break;
    }
  }

  function applyProgress(p) {
    var c = state.conversations[p.conversationId];
    if (!c) { return; }
    if (!c.current || c.current.transactionId !== p.transactionId) { return; }
    c.current.state = p.state;
    c.current.netSpeechSeconds = p.netSpeechSeconds;
    c.current.netSpeechNeededSeconds = p.netSpeechNeededSeconds;
    if (selected() === c) { renderTransaction(c); }
  }

  /* ---------- commands ---------- */
  function requestId() {
    var b = new Uint8Array(12);
    crypto.getRandomValues(b);
    return 'r-' + Array.prototype.map.call(b, function (x) { return ('0' + x.toString(16)).slice(-2); }).join('');
  }

  function command(type, extra, button) {
    var c = selected();
    if (!c) { return; }
    var msg = { type: 'command', requestId: requestId(), command: type, conversationId: c.conversationId };
    Object.keys(extra || {}).forEach(function (k) { msg[k] = extra[k]; });
    if (!send(msg)) {
      feedback('refused', COMMAND_TEXT[type] + ': not connected — try again in a moment.');
      return;
    }
    state.pending[msg.requestId] = { type: type, button: button };
    if (button) { button.setAttribute('aria-busy', 'true'); button.disabled = true; }
    feedback('pending', COMMAND_TEXT[type] + '…');
  }

  function onCommandResult(msg) {
    var p = state.pending[msg.requestId] || { type: msg.command };
    delete state.pending[msg.requestId];
    if (p.button) { p.button.removeAttribute('aria-busy'); p.button.disabled = false; updateEnroll(); }
    var name = COMMAND_TEXT[p.type] || 'Request';
    if (msg.accepted) {
      feedback('ok', name + ': done' + (msg.reason ? ' — ' + msg.reason : '') + '.');
    } else {
      feedback('refused', name + ' refused: ' + (msg.reason || 'no reason given'));
    }
  }

  function failPending(text) {
    Object.keys(state.pending).forEach(function (id) { onCommandResult({ requestId: id, accepted: false, reason: text }); });
  }

  function feedback(kind, text) {
    var f = $('feedback');
    f.setAttribute('data-kind', kind);
    f.setAttribute('role', kind === 'refused' ? 'alert' : 'status');
    f.textContent = text;
  }

  /* ---------- rendering ---------- */
  function selected() {
    if (state.fixedConversation) { return state.conversations[state.fixedConversation] || null; }
    if (state.selected && state.conversations[state.selected]) { return state.conversations[state.selected]; }
    var all = Object.keys(state.conversations).map(function (k) { return state.conversations[k]; });
    all.sort(function (a, b) { return a.updatedAt < b.updatedAt ? 1 : -1; });
    return all[0] || null;
  }

  function render() {
    renderPicker();
    var c = selected();
    $('empty').hidden = !!c;
    $('call').hidden = !c;
    if (!c) {
      $('empty-text').textContent = state.endedReason
        ? state.endedReason.charAt(0).toUpperCase() + state.endedReason.slice(1) + '.'
        : state.fixedConversation
          ? 'Waiting for this conversation to be bound to you…'
          : 'Voice verification results for your current call appear here.';
      return;
    }
    renderIdentity(c);
    renderAlerts(c);
    renderTransaction(c);
    renderHistory(c);
  }

  function renderPicker() {
    var ids = Object.keys(state.conversations);
    var show = !state.fixedConversation && ids.length > 1;
    $('picker').hidden = !show;
    if (!show) { return; }
    var sel = $('conv-select');
    var current = selected();
    sel.textContent = '';
    ids.forEach(function (id) {
      var c = state.conversations[id];
      var o = document.createElement('option');
      o.value = id;
      o.textContent = (c.claimed ? c.claimed.value : 'Unknown caller') + ' · ' + id.slice(0, 8);
      o.selected = current && current.conversationId === id;
      sel.appendChild(o);
    });
  }

  /** Alerts veto Authenticated: a vetoed call's badge says so instead of a neutral "Recognized". */
  function vetoed(c) {
    return c.identityState !== 'AUTHENTICATED' && (c.alerts || []).length > 0;
  }

  function renderIdentity(c) {
    var badge = $('id-badge');
    var veto = vetoed(c);
    badge.setAttribute('data-state', veto ? 'VETOED' : c.identityState);
    badge.textContent = veto ? 'Not authenticated' : (IDENTITY_TEXT[c.identityState] || c.identityState);
    var d = $('id-decision');
    d.hidden = !c.agentDecision;
    if (c.agentDecision) {
      d.setAttribute('data-d', c.agentDecision);
      d.textContent = c.agentDecision === 'CONFIRMED' ? 'Confirmed by you' : 'Rejected by you';
    }
    $('claimed-value').textContent = c.claimed ? c.claimed.value : 'None';
  }

  function renderAlerts(c) {
    var box = $('alerts');
    var key = (c.alerts || []).map(function (a) { return a.type + a.raisedAt; }).join('|');
    if (box.getAttribute('data-key') === key) { return; } // unchanged: do not re-announce
    box.setAttribute('data-key', key);
    box.textContent = '';
    (c.alerts || []).forEach(function (a) {
      var el = document.createElement('div');
      el.className = 'alert';
      el.setAttribute('data-type', a.type);
      var icon = document.createElement('span');
      icon.className = 'icon';
      var text = document.createElement('div');
      text.textContent = ALERT_TEXT[a.type] || a.type;
      if (a.detail) { var s = document.createElement('small'); s.textContent = a.detail; text.appendChild(s); }
      el.appendChild(icon);
      el.appendChild(text);
      box.appendChild(el);
    });
  }

  function tone(r) {
    if (!r) { return 'none'; }
    if (r.BioDecision === 'VETOED' || r.BioDecision === 'AGENT_REJECTED') { return r.BioResult || r.BioSearch ? 'bad' : 'none'; }
    if (r.BioResult === 'TRUE_HIGH' || r.BioResult === 'TRUE_MEDIUM' || r.BioSearch === 'FOUND_ONE') { return 'good'; }
    if (r.BioResult === 'ERROR' || /^FALSE_/.test(r.BioResult || '')) { return 'bad'; }
    if (r.BioResult || r.BioSearch) { return 'warn'; }
    return 'none';
  }

  function latestWithResult(c) {
    if (c.current && c.current.results) { return c.current; }
    var h = (c.history || []).filter(function (t) { return t.results; });
    return h.length ? h[h.length - 1] : null;
  }

  function renderTransaction(c) {
    var t = c.current;
    var live = t && !/^(COMPLETED|FAILED|CANCELLED)$/.test(t.state);
    $('tx-meta').textContent = t ? (KIND_TEXT[t.kind] || t.kind) + ' · ' + (STATE_TEXT[t.state] || t.state) : '';
    $('listening').hidden = !live;
    if (live) {
      var pct = Math.max(0, Math.min(100, Math.round(100 * t.netSpeechSeconds / t.netSpeechNeededSeconds)));
      $('listen-fill').style.width = pct + '%';
      $('listen-bar').setAttribute('aria-valuenow', String(pct));
      $('listen-bar').setAttribute('aria-valuetext', t.netSpeechSeconds.toFixed(1) + ' of ' + t.netSpeechNeededSeconds.toFixed(0) + ' seconds of speech');
      $('listen-text').textContent = t.state === 'LISTENING' ? 'Listening to the caller' : (STATE_TEXT[t.state] || t.state);
      $('listen-num').textContent = t.netSpeechSeconds.toFixed(1) + ' / ' + t.netSpeechNeededSeconds.toFixed(0) + ' s speech';
    }
    var latest = latestWithResult(c);
    renderOutcome(latest);
    $('result-from').textContent = latest && (live || latest !== t)
      ? 'Latest result · ' + (KIND_TEXT[latest.kind] || latest.kind) + ', ' + clock(latest.endedAt || latest.startedAt) : '';
  }

  function clock(iso) {
    return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  function renderOutcome(t) {
    var r = t ? t.results : null;
    var tn = tone(r);
    var out = $('outcome');
    out.setAttribute('data-tone', tn);
    var verdict = $('verdict');
    verdict.setAttribute('data-tone', tn);
    var text = 'No result yet';
    if (r) {
      if (r.VoiceMatch) { text = 'Not authenticated · ' + overruledBy(r); }
      else if (r.BioResult) { text = RESULT_TEXT[r.BioResult] || r.BioResult; }
      else if (r.BioSearch) {
        text = (SEARCH_TEXT[r.BioSearch] || r.BioSearch) + (r.BioDecision === 'VETOED' ? ' · not trusted: ' + overruledBy(r) : '');
      }
      else if (r.BioEnrollment) { text = 'Enrollment will be saved at end of call'; }
      else if (r.BioOptOut) { text = 'Caller opted out'; }
    }
    if (verdict.textContent !== text) { verdict.textContent = text; }
    var score = r && typeof r.BioScore === 'number' ? r.BioScore : null;
    $('gauge-value').setAttribute('stroke-dasharray', (score === null ? 0 : Math.round(score * 100)) + ' 100');
    $('gauge-value').setAttribute('data-empty', String(score === null));
    $('gauge-num').textContent = score === null ? '–' : score.toFixed(2);
    renderFacts(r);
  }

  function overruledBy(r) {
    if (r.BioDecision === 'AGENT_REJECTED') { return 'rejected by you'; }
    return (r.BioVeto || '').split(',').filter(Boolean).map(function (v) { return VETO_TEXT[v] || v; }).join('; ');
  }

  function renderFacts(r) {
    var dl = $('facts');
    dl.textContent = '';
    if (!r) { return; }
    var rows = [];
    if (r.VoiceMatch) {
      rows.push(['Voice alone', (RESULT_SHORT[r.VoiceMatch] || r.VoiceMatch) + (typeof r.VoiceMatchScore === 'number'
        ? ' (score ' + r.VoiceMatchScore.toFixed(2) + ')' : '') + ' — not trusted: a recording or another person can match the voiceprint']);
    }
    if (r.BioUser) { rows.push(['Caller', r.BioUser]); }
    if (typeof r.BioUserCount === 'number' && r.BioSearch) { rows.push(['Candidates', String(r.BioUserCount)]); }
    if (r.LiveVoiceResult) { rows.push(['Liveness', LIVENESS_TEXT[r.LiveVoiceResult] || r.LiveVoiceResult]); }
    if (r.BlocklistResult) { rows.push(['Blocklist', r.BlocklistResult === 'MATCH' ? 'MATCH' : 'No match']); }
    if (r.BioSpeakerChanged !== undefined) { rows.push(['Speaker', r.BioSpeakerChanged ? 'Changed during this check' : 'Same throughout this check']); }
    if (r.ErrorReason) { rows.push(['Reason', r.ErrorReason]); }
    rows.forEach(function (row) {
      var dt = document.createElement('dt'); dt.textContent = row[0];
      var dd = document.createElement('dd'); dd.textContent = row[1];
      dl.appendChild(dt); dl.appendChild(dd);
    });
  }

  function renderHistory(c) {
    var ol = $('history');
    ol.textContent = '';
    var items = (c.history || []).slice().reverse();
    if (!items.length) {
      var li = document.createElement('li');
      li.className = 'history-empty';
      li.textContent = 'No checks on this call yet.';
      ol.appendChild(li);
      return;
    }
    items.forEach(function (t) {
      var li = document.createElement('li');
      var kind = document.createElement('span'); kind.className = 'h-kind'; kind.textContent = KIND_TEXT[t.kind] || t.kind;
      var chip = document.createElement('span'); chip.className = 'chip';
      var r = t.results;
      chip.setAttribute('data-tone', tone(r));
      chip.textContent = r && r.VoiceMatch ? 'Not authenticated'
        : r && r.BioResult ? RESULT_SHORT[r.BioResult] + (typeof r.BioScore === 'number' ? ' ' + r.BioScore.toFixed(2) : '')
        : r && r.BioSearch ? (SEARCH_TEXT[r.BioSearch] || r.BioSearch).replace(/ enrolled caller| callers?/, '') : (STATE_TEXT[t.state] || t.state);
      var time = document.createElement('span'); time.className = 'h-time';
      time.textContent = clock(t.startedAt) + ' · ' + (STATE_TEXT[t.state] || t.state);
      li.appendChild(kind); li.appendChild(chip); li.appendChild(time);
      ol.appendChild(li);
    });
  }

  function updateEnroll() {
    $('enroll-btn').disabled = !$('consent').checked || !!$('enroll-btn').getAttribute('aria-busy');
  }

  /* ---------- wiring ---------- */
  function wire() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-cmd]'), function (b) {
      b.addEventListener('click', function () {
        var type = b.getAttribute('data-cmd');
        var extra = type === 'ENROLL' ? { consent: $('consent').checked } : {};
        if (type === 'OPT_OUT') { $('optout-confirm').hidden = true; $('optout-btn').focus(); }
        command(type, extra, b);
      });
    });
    $('consent').addEventListener('change', updateEnroll);
    $('optout-btn').addEventListener('click', function () { $('optout-confirm').hidden = false; $('optout-no').focus(); });
    $('optout-no').addEventListener('click', function () { $('optout-confirm').hidden = true; $('optout-btn').focus(); });
    $('claimed-edit').addEventListener('click', function () {
      $('claimed-view').hidden = true; $('claimed-form').hidden = false;
      var c = selected();
      $('claimed-input').value = c && c.claimed && c.claimed.kind !== 'PHONE' ? c.claimed.value : '';
      $('claimed-input').focus();
    });
    function closeForm() { $('claimed-form').hidden = true; $('claimed-view').hidden = false; $('claimed-edit').focus(); }
    $('claimed-cancel').addEventListener('click', closeForm);
    $('claimed-form').addEventListener('keydown', function (e) { if (e.key === 'Escape') { closeForm(); } });
    $('claimed-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var v = $('claimed-input').value.trim();
      if (!v) { $('claimed-input').focus(); return; }
      command('SET_CLAIMED_ID', { claimedId: v }, null);
      closeForm();
    });
    $('conv-select').addEventListener('change', function (e) { state.selected = e.target.value; render(); });
  }

  function main() {
    wire();
    var p = readParams();
    state.params = p;
    state.fixedConversation = p.conversationId;
    if (!p.token) {
      if (genesysLogin(p)) { return; }
      setConn('closed', 'Not signed in');
      $('empty').querySelector('h1').textContent = 'Sign-in needed';
      $('empty-text').textContent = 'Open this page with a token (…/agent/?token=…) or from the Genesys Cloud widget.';
      return;
    }
    render();
    connect(p.token);
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', main); } else { main(); }
})();
