// kmc report.html: draws the counterexamples and histograms from the embedded JSON (no network).
(function () {
  'use strict';
  var DATA = JSON.parse(document.getElementById('kmc-data').textContent);
  var NS = 'http://www.w3.org/2000/svg';
  var ROLE_COLOR = { HEAD: '#6a1b9a', TAIL: '#2e7d32', COMMIT: '#1565c0' };

  function el(tag, attrs, parent, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function sv(tag, attrs, parent, text) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function byName(list) {
    var m = {};
    (list || []).forEach(function (x) { m[x.name] = x; });
    return m;
  }

  // ---- the ring buffer: pages as a ring from the head, the reader page beside it ----------------

  function drawRing(svg, s, prev) {
    var ring = s.ring, n = ring.length, W = 660, H = 380;
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    svg.setAttribute('height', H);
    defs(svg);
    sv('text', { x: 8, y: 16 }, svg, 'entries ' + s.entries + '  overrun ' + s.overrun + '  read ' + s.read +
        '  => rb_num_of_entries ' + s.numEntries + '  committing ' + s.committing + (s.locks.length ? '  ' + s.locks.join(', ') : ''));
    var prevPages = {};
    if (prev && prev.kind === 'ringbuffer') {
      prev.ring.forEach(function (p) { prevPages[p.name] = p; });
      prevPages[prev.readerPage.name] = prev.readerPage;
    }
    var cx = 440, cy = 205, R = n <= 2 ? 100 : 120, pos = {};
    ring.forEach(function (p, i) {
      var a = -Math.PI / 2 + 2 * Math.PI * i / n;
      pos[p.name] = { x: cx + R * Math.cos(a), y: cy + R * Math.sin(a) };
    });
    pos[s.readerPage.name] = { x: 100, y: cy };
    var all = ring.concat([s.readerPage]);
    all.forEach(function (p) {
      if (!pos[p.next]) return;
      var flagged = p.nextFlag !== '';
      link(svg, pos[p.name], pos[p.next], 'link' + (flagged ? ' flagged' : '') + (p.isReader ? ' reader' : ''),
          flagged ? p.nextFlag : '', p.name, p.next);
    });
    all.forEach(function (p) { page(svg, p, pos[p.name], s.pageSize, prevPages[p.name], !!prev); });
    sv('text', { x: 100, y: cy + 78, 'text-anchor': 'middle' }, svg, 'reader page');
  }

  function defs(svg) {
    var d = sv('defs', {}, svg);
    [['arrow', '#666'], ['arrow-red', '#c62828']].forEach(function (a) {
      var m = sv('marker', { id: a[0], viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto' }, d);
      sv('path', { d: 'M0,0 L10,5 L0,10 z', fill: a[1] }, m);
    });
  }

  function link(svg, a, b, cls, label, from, to) {
    var dx = b.x - a.x, dy = b.y - a.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
    var ux = dx / len, uy = dy / len, sh = 62;
    var x1 = a.x + ux * sh, y1 = a.y + uy * sh * 0.8, x2 = b.x - ux * sh, y2 = b.y - uy * sh * 0.8;
    var mx = (x1 + x2) / 2 - uy * 40, my = (y1 + y2) / 2 + ux * 40;   // bend right of the direction: A->B and B->A do not overlap
    var flagged = cls.indexOf('flagged') >= 0;
    sv('path', { d: 'M' + x1 + ',' + y1 + ' Q' + mx + ',' + my + ' ' + x2 + ',' + y2, 'class': cls,
      'data-from': from, 'data-to': to, 'marker-end': flagged ? 'url(#arrow-red)' : 'url(#arrow)' }, svg);
    if (label) sv('text', { x: mx, y: my, 'class': 'flag-label', 'text-anchor': 'middle' }, svg, 'next|' + label);
  }

  function page(svg, p, at, pageSize, before, hasPrev) {
    var w = 132, h = 96, x = at.x - w / 2, y = at.y - h / 2;
    var g = sv('g', { 'class': (p.isReader ? 'page reader-page' : 'page ring-page'), 'data-page': p.name,
      'data-roles': p.roles.join(' '), 'data-stale': String(p.stale) }, svg);
    sv('rect', { x: x, y: y, width: w, height: h, rx: 4, 'class': 'page-box' + (hasPrev && !before ? ' changed' : '') }, g);
    sv('text', { x: x + 5, y: y + 14, 'font-weight': 'bold' }, g, p.name);
    sv('text', { x: x + w - 5, y: y + 14, 'text-anchor': 'end' }, g, 'entries ' + p.entries);
    var scale = (w - 66) / Math.max(1, pageSize);
    ['write', 'commit', 'read'].forEach(function (f, i) {
      var by = y + 22 + i * 16, v = p[f], changed = before && before[f] !== v;
      sv('text', { x: x + 5, y: by + 10 }, g, f);
      var cls = 'bar bar-' + f + (f === 'read' && p.stale ? ' stale' : '') + (changed ? ' changed' : '');
      sv('rect', { x: x + 46, y: by + 1, width: Math.max(1, Math.min(pageSize, v) * scale), height: 11, 'class': cls,
        'data-field': f, 'data-value': v }, g);
      sv('text', { x: x + w - 5, y: by + 10, 'text-anchor': 'end', 'class': 'val' + (changed ? ' changed' : '') }, g, String(v));
    });
    if (p.stale) sv('text', { x: x + 46, y: y + 82, 'class': 'stale-label' }, g, 'STALE read');
    var ey = y + h - 11;
    p.events.forEach(function (e) {
      var ew = Math.max(2, Math.min(e.len, pageSize - e.off) * scale);
      var pad = e.text.indexOf('pad') >= 0 || e.text.charAt(0) === '?';
      var r = sv('rect', { x: x + 46 + e.off * scale, y: ey, width: ew, height: 8, 'class': 'ev' + (pad ? ' pad' : '') }, g);
      sv('title', {}, r, e.text + ' @' + e.off);
    });
    if (p.isReader) sv('rect', { x: x + 46 + p.read * scale - 1, y: ey - 2, width: 2, height: 12, fill: '#000' }, g);
    var mx = x;
    p.roles.forEach(function (role) {
      var had = before && before.roles.indexOf(role) >= 0;
      var m = sv('g', { 'class': 'marker' + (hasPrev && !had ? ' changed' : ''), 'data-marker': role, 'data-page': p.name }, g);
      sv('rect', { x: mx, y: y - 18, width: 54, height: 15, rx: 3, fill: ROLE_COLOR[role] || '#444' }, m);
      sv('text', { x: mx + 27, y: y - 7, 'text-anchor': 'middle' }, m, role);
      mx += 58;
    });
  }

  function ringAnswers(div, s) {
    var differ = s.emptyV513 !== s.emptyFixed;
    var span = el('span', { 'class': differ ? 'differ' : 'same' }, div,
        'v5.13 says ' + (s.emptyV513 ? 'EMPTY' : 'NOT EMPTY') + ', fixed says ' + (s.emptyFixed ? 'EMPTY' : 'NOT EMPTY'));
    span.setAttribute('data-differ', String(differ));
    div.insertBefore(document.createTextNode('rb_per_cpu_empty: '), span);
    if (s.staleHead) el('div', { 'class': 'outcome' }, div, 'commit == head and head->read ' + s.staleHead.read + ' is stale (' + s.staleHead.page + ')');
    if (s.warnings > 0) el('div', { 'class': 'outcome' }, div, 'RB_WARN_ON fired ' + s.warnings + 'x, first: ' + s.firstWarning);
  }

  // ---- RCU: each CPU's callback list as linked nodes, with its tails --------------------------

  function drawRcu(svg, s, prev) {
    var rowH = 120, W = 660, H = 30 + s.cpus.length * rowH;
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    svg.setAttribute('height', H);
    defs(svg);
    sv('text', { x: 8, y: 16 }, svg, 'gp_seq ' + s.gpSeq + ((s.gpSeq & 1) ? ' (grace period in progress)' : ' (no grace period in progress)'));
    s.cpus.forEach(function (c, k) {
      var pc = prev && prev.kind === 'rcu' ? prev.cpus[k] : null;
      var y = 40 + k * rowH, step = 96, x0 = 10, pos = { head: x0 };
      var g = sv('g', { 'class': 'cblist', 'data-cpu': c.cpu }, svg);
      sv('rect', { x: x0, y: y, width: 74, height: 34, fill: '#eceff1', stroke: '#555' }, g);
      sv('text', { x: x0 + 6, y: y + 14 }, g, c.cpu);
      sv('text', { x: x0 + 6, y: y + 28 }, g, 'len ' + c.len);
      var prevNodes = pc ? pc.nodes.map(function (n) { return n.name; }) : null;
      var x = x0 + step;
      c.nodes.forEach(function (n, j) {
        pos[n.name] = x;
        var changed = prevNodes && prevNodes[j] !== n.name;
        var ng = sv('g', { 'class': 'node' + (n.shared ? ' shared' : '') + (changed ? ' changed' : ''), 'data-node': n.name,
          'data-cpu': c.cpu, 'data-shared': String(n.shared) }, g);
        sv('rect', { x: x, y: y, width: 70, height: 34, rx: 4 }, ng);
        sv('text', { x: x + 35, y: y + 21, 'text-anchor': 'middle', 'font-weight': 'bold' }, ng, n.name + (n.shared ? '*' : ''));
        sv('path', { d: 'M' + (x - step + 74) + ',' + (y + 17) + ' L' + (x - 2) + ',' + (y + 17), 'class': 'link', 'marker-end': 'url(#arrow)' }, g);
        x += step;
      });
      if (c.cycleAt) {
        var cx = pos[c.cycleAt] + 35;
        sv('path', { d: 'M' + (x - step + 35) + ',' + y + ' C' + (x - step + 35) + ',' + (y - 30) + ' ' + cx + ',' + (y - 30) + ' ' + cx + ',' + (y - 2),
          'class': 'link flagged', 'marker-end': 'url(#arrow-red)' }, g);
        sv('text', { x: (x - step + cx) / 2 + 18, y: y - 20, 'class': 'flag-label' }, g, 'cycle');
      } else {
        sv('text', { x: x - step + 80, y: y + 21 }, g, 'NULL');
      }
      var below = {};
      c.tails.forEach(function (t, i) {
        var was = pc ? pc.tails[i] : null, changed = was && (was.after !== t.after || was.orphan !== t.orphan);
        var at = pos[t.after] !== undefined ? pos[t.after] : null, tx, ty;
        if (at === null) { tx = Math.max(x + 10, 420); ty = y + 48 + 13 * (below.orphans = (below.orphans || 0) + 1); }
        else { below[at] = (below[at] || 0) + 1; tx = at + 4; ty = y + 34 + 13 * below[at]; }
        sv('text', { x: tx, y: ty, 'class': 'tail' + (t.orphan ? ' orphan' : '') + (changed ? ' changed' : ''),
          'data-seg': t.seg, 'data-after': t.after }, g, '\u2191 ' + t.seg + (at === null ? ' = ' + t.text + (t.orphan ? ' (orphan)' : '') : ''));
      });
    });
  }

  function rcuAnswers(div, s) {
    s.shared.forEach(function (x) { el('div', { 'class': 'outcome' }, div, 'reachable from ' + x.cpus + ': ' + x.names.join(', ')); });
    if (s.lost.length) el('div', { 'class': 'outcome' }, div, 'lost (owed an invocation, reachable from no CPU): ' + s.lost.join(', '));
    s.findings.forEach(function (f) { el('div', { 'class': 'outcome' }, div, f); });
  }

  // ---- ConsoleKit: the leaders hash table's slots, tombstones and the stale slot highlighted -----

  function drawConsoleKit(svg, s, prev) {
    var shown = s.slots.filter(function (x) { return x.state !== 'UNUSED'; });
    var rowH = 18, W = 660, top = 64, H = top + 12 + Math.max(1, shown.length) * rowH;
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    svg.setAttribute('height', H);
    var ps = prev && prev.kind === 'consolekit' ? prev : null;
    sv('text', { x: 8, y: 16 }, svg, 'leaders: size ' + s.size + '  nnodes ' + s.nnodes + '  noccupied ' + s.noccupied +
        '  version ' + s.version + '   (' + s.real + ' live, ' + s.tombstones + ' TOMBSTONE)');
    var cw = Math.max(4, Math.min(14, (W - 16) / Math.max(1, s.size)));
    s.slots.forEach(function (x) {   // every slot below size, as a strip coloured by its hash state
      var r = sv('rect', { x: 8 + x.index * cw, y: 26, width: cw - 1, height: 12, 'class': 'slot-cell ' + x.state.toLowerCase() +
        (x.index === s.staleSlot ? ' stale-slot' : ''), 'data-index': x.index, 'data-state': x.state }, svg);
      sv('title', {}, r, '[' + x.index + '] ' + x.state);
    });
    sv('text', { x: 8, y: 52 }, svg, 'slot  hash      key -> value' + (s.staleSlot >= 0 ? '   (outer foreach holds slot ' + s.staleSlot + ')' : ''));
    shown.forEach(function (x, k) {
      var y = top + k * rowH, was = ps ? ps.slots[x.index] : null;
      var changed = ps && (!was || was.state !== x.state || was.key !== x.key || was.text !== x.text);
      var g = sv('g', { 'class': 'slot ' + (x.state === 'TOMBSTONE' ? 'tombstone' : 'live') + (x.index === s.staleSlot ? ' stale-slot' : '') +
        (x.gone ? ' gone' : '') + (changed ? ' changed' : ''), 'data-index': x.index, 'data-state': x.state, 'data-key': x.key,
        'data-value': x.value }, svg);
      sv('rect', { x: 6, y: y, width: W - 12, height: rowH - 2, rx: 2 }, g);
      sv('text', { x: 10, y: y + 12 }, g, '[' + (x.index < 10 ? ' ' : '') + x.index + ']');
      sv('text', { x: 48, y: y + 12 }, g, x.state === 'TOMBSTONE' ? 'TOMBSTONE' : x.hash + '  "' + x.key + '" -> ' + x.text);
    });
  }

  function consoleKitAnswers(div, s) {
    el('div', {}, div, 'removed from leaders: ' + (s.removed.length ? s.removed.join(' ') : 'none') + '   unreffed: ' +
        (s.unreffed.length ? s.unreffed.join(' ') : 'none') + '   clients gone: ' + (s.gone.length ? s.gone.join(', ') : 'none'));
    el('div', {}, div, 'sessions: ' + s.sessions + '   seat: ' + s.seatSessions + '   ready: ' + s.ready);
    s.findings.forEach(function (f) { el('div', { 'class': 'outcome' }, div, f); });
    if (s.invariant) el('div', { 'class': 'outcome' }, div, 'invariant violated: ' + s.invariant);
  }

  // ---- the task list: the tasks ring from init_task, tasks off the ring with their stale links ---

  function arrow(svg, a, b, cls, r) {
    var dx = b.x - a.x, dy = b.y - a.y, len = Math.sqrt(dx * dx + dy * dy) || 1, ux = dx / len, uy = dy / len;
    var x1 = a.x + ux * r, y1 = a.y + uy * r, x2 = b.x - ux * r, y2 = b.y - uy * r;
    var mx = (x1 + x2) / 2 - uy * 18, my = (y1 + y2) / 2 + ux * 18;
    var flagged = cls.indexOf('flagged') >= 0;
    return sv('path', { d: 'M' + x1 + ',' + y1 + ' Q' + mx + ',' + my + ' ' + x2 + ',' + y2, 'class': cls,
      'marker-end': flagged ? 'url(#arrow-red)' : 'url(#arrow)' }, svg);
  }

  function drawTaskList(svg, s, prev) {
    var W = 660, H = 360, cx = 430, cy = 190, R = 120, r = 26;
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    svg.setAttribute('height', H);
    defs(svg);
    sv('text', { x: 8, y: 16 }, svg, s.walkStart + '   walk bound ' + s.walkBound + '   pids 1..' + s.lastPid +
        (s.ringCloses ? '' : '   ring does not close') + (s.loopedWalk ? '   LOOPED: ' + s.loopedWalk : ''));
    var ring = ['init_task'].concat(s.ring), pos = {}, n = ring.length, byPid = {}, prevBy = {};
    s.tasks.forEach(function (t) { byPid[String(t.pid)] = t; });
    if (prev && prev.kind === 'tasklist') prev.tasks.forEach(function (t) { prevBy[String(t.pid)] = t; });
    ring.forEach(function (name, i) {
      var a = -Math.PI / 2 + 2 * Math.PI * i / n;
      if (pos[name] === undefined) pos[name] = { x: cx + R * Math.cos(a), y: cy + R * Math.sin(a) };
    });
    var off = s.tasks.filter(function (t) { return t.attached && !t.onRing; });
    off.forEach(function (t, k) { pos[String(t.pid)] = { x: 70, y: 70 + k * 70 }; });
    pos.LIST_POISON2 = { x: 170, y: H - 30 };
    ring.forEach(function (name, i) {
      if (i + 1 < n || s.ringCloses) arrow(svg, pos[name], pos[ring[(i + 1) % n]], 'link', r);
    });
    off.forEach(function (t) {
      var from = pos[String(t.pid)];
      if (pos[t.next]) arrow(svg, from, pos[t.next], 'link flagged stale-next', r);
      if (pos[t.prev] && t.prev !== t.next) arrow(svg, from, pos[t.prev], 'link stale-prev', r);
      sv('text', { x: from.x - 30, y: from.y + r + 12, 'class': 'flag-label' }, svg, 'next ' + t.next + ' prev ' + t.prev);
    });
    if (off.some(function (t) { return t.next === 'LIST_POISON2' || t.prev === 'LIST_POISON2'; })) {
      sv('text', { x: pos.LIST_POISON2.x, y: pos.LIST_POISON2.y, 'text-anchor': 'middle', 'class': 'flag-label' }, svg, 'LIST_POISON2');
    }
    var names = ring.concat(off.map(function (t) { return String(t.pid); })), seen = {};
    names.forEach(function (name) {
      if (seen[name]) return;
      seen[name] = true;
      var t = byPid[name], p = pos[name], was = prevBy[name];
      var changed = !!prev && t && (!was || was.onRing !== t.onRing || was.next !== t.next || was.hashed !== t.hashed);
      var g = sv('g', { 'class': 'task' + (t && !t.onRing ? ' off-ring' : '') + (t && !t.leader ? ' thread' : '') +
        (t && !t.hashed ? ' reaped' : '') + (changed ? ' changed' : ''), 'data-task': name,
        'data-on-ring': String(!t || t.onRing), 'data-next': t ? t.next : s.ring[0] || 'init_task' }, svg);
      sv('circle', { cx: p.x, cy: p.y, r: r }, g);
      sv('text', { x: p.x, y: p.y - 3, 'text-anchor': 'middle', 'font-weight': 'bold' }, g, name === 'init_task' ? 'init' : 'pid ' + name);
      if (t) sv('text', { x: p.x, y: p.y + 10, 'text-anchor': 'middle' }, g, 'tgid ' + t.tgid + (t.leader ? ' L' : ' T'));
    });
    s.tasks.filter(function (t) { return !t.attached; }).forEach(function (t, k) {
      sv('text', { x: 8, y: H - 8 - 14 * k }, svg, 'pid ' + t.pid + ' being forked: not yet attached');
    });
  }

  function taskListAnswers(div, s) {
    s.tasks.forEach(function (t) {
      if (!t.attached || t.onRing) return;
      el('div', { 'class': 'outcome' }, div, 'pid ' + t.pid + ' (' + (t.leader ? 'leader' : 'thread') + ', ' + (t.hashed ? 'hashed' : 'reaped') +
          '): tasks ' + t.where + ', next ' + t.next + ' prev ' + t.prev);
    });
    if (s.loopedWalk) el('div', { 'class': 'outcome' }, div, 'a walk came back LOOPED: ' + s.loopedWalk);
  }

  // ---- systemd: PID 1's units, its two event queues, the NULL handler call ---------------------

  function drawSystemd(svg, s, prev) {
    var W = 660, H = 330, ps = prev && prev.kind === 'systemd' ? prev : null;
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    svg.setAttribute('height', H);
    defs(svg);
    sv('text', { x: 8, y: 16 }, svg, 'kernel: pid ' + s.orphan + ' ' + s.taskState + ' in ' + s.cgroup + '   populated ' + (s.populated ? 1 : 0));
    [['inotify (cgroup.events)', s.inotifyQueued, 'inotify'], ['SIGCHLD', s.sigchldQueued, 'sigchld']].forEach(function (q, i) {
      var x = 8 + i * 206, g = sv('g', { 'class': 'queue' + (q[1] ? ' queued' : ''), 'data-queue': q[2], 'data-queued': String(q[1]) }, svg);
      sv('rect', { x: x, y: 26, width: 200, height: 26, rx: 3 }, g);
      sv('text', { x: x + 6, y: 43 }, g, q[0] + ': ' + (q[1] ? 'queued' : 'empty'));
    });
    var pg = sv('g', { 'class': 'pid1' + (s.pid1Frozen ? ' frozen' : ''), 'data-frozen': String(s.pid1Frozen) }, svg);
    sv('rect', { x: 420, y: 26, width: 232, height: 26, rx: 3 }, pg);
    sv('text', { x: 426, y: 43 }, pg, s.pid1Frozen ? 'PID 1 FROZEN in crash() \u2192 freeze()' : 'PID 1 running its event loop');
    var n = s.units.length, w = Math.min(210, (W - 16) / n - 8);
    s.units.forEach(function (u, i) {
      var x = 8 + i * (w + 8), y = 66, was = ps ? ps.units[i] : null;
      var changed = was && (was.state !== u.state || was.freed !== u.freed || was.realized !== u.realized ||
        String(was.pids) !== String(u.pids) || was.segv !== u.segv);
      var g = sv('g', { 'class': 'unit' + (u.segv ? ' segv' : '') + (u.freed ? ' freed' : '') + (changed ? ' changed' : ''),
        'data-unit': u.id, 'data-type': u.type, 'data-state': u.state, 'data-handler-null': String(u.handlerNull),
        'data-segv': String(u.segv) }, svg);
      sv('rect', { x: x, y: y, width: w, height: 112, rx: 4 }, g);
      sv('text', { x: x + 5, y: y + 14, 'font-weight': 'bold' }, g, u.id);
      sv('text', { x: x + 5, y: y + 30 }, g, u.type + '  ' + u.state);
      sv('text', { x: x + 5, y: y + 46 }, g, u.cgroup.length > 26 ? '\u2026' + u.cgroup.slice(-25) : u.cgroup);
      sv('text', { x: x + 5, y: y + 60 }, g, u.realized ? 'cgroup realized' : 'cgroup released');
      if (u.pids) sv('text', { x: x + 5, y: y + 74 }, g, 'pids {' + u.pids.join(', ') + '}');
      sv('text', { x: x + 5, y: y + 90, 'class': 'handler' + (u.handlerNull ? ' null' : '') }, g,
          'sigchld_event ' + (u.handlerNull ? 'NULL' : 'set'));
      var flags = [];
      if (u.inGcQueue) flags.push('gc queue');
      if (u.stopJobQueued) flags.push('stop job');
      if (u.freed) flags.push('FREED');
      sv('text', { x: x + 5, y: y + 105 }, g, flags.join(', '));
      if (u.segv) sv('text', { x: x + w - 5, y: y + 14, 'text-anchor': 'end', 'class': 'flag-label' }, g, 'SEGV');
    });
    s.tables.forEach(function (t, k) {
      var y = 204 + k * 22;
      var g = sv('g', { 'class': 'unit-table', 'data-table': t.name }, svg);
      sv('text', { x: 8, y: y + 12, 'font-weight': 'bold' }, g, t.name);
      var x = 170;
      t.entries.forEach(function (e) {
        var label = e.key + ' \u2192 ' + e.unit + (e.freed ? ' (FREED)' : '');
        var wd = 7 * label.length + 10;
        var eg = sv('g', { 'class': 'entry' + (e.freed ? ' freed' : ''), 'data-key': e.key, 'data-unit': e.unit }, g);
        sv('rect', { x: x, y: y, width: wd, height: 17, rx: 3 }, eg);
        sv('text', { x: x + 5, y: y + 12 }, eg, label);
        x += wd + 6;
      });
    });
    sv('text', { x: 8, y: H - 12, 'class': s.segv ? 'flag-label' : '' }, svg, 'last SIGCHLD dispatch: ' + s.lastSigchld);
  }

  function systemdAnswers(div, s) {
    if (s.segv) el('div', { 'class': 'outcome segv' }, div, s.segv);
    el('div', { 'class': s.pid1Frozen ? 'outcome' : '' }, div, s.pid1Report);
  }

  // ---- the step-through viewer ----------------------------------------------------------------

  var viewers = [], active = null;

  function makeViewer(f, root) {
    var sec = el('section', { id: f.id, 'class': 'failure' }, root);
    el('h2', {}, sec, f.suite + ' ' + f.variant + ' \u00b7 ' + f.check + ': ' + f.kind);
    el('p', { 'class': 'message' }, sec, f.message);
    var p = el('p', {}, sec);
    el('span', {}, p, 'interleaving: ');
    el('code', {}, p, f.interleaving);
    if (f.trace) { p.appendChild(document.createTextNode(' \u00b7 ')); el('a', { href: f.trace }, p, 'text trace'); }
    var box = el('div', { 'class': 'viewer' }, sec);
    var steps = el('div', { 'class': 'steps' }, box);
    var table = el('table', {}, steps);
    var hr = el('tr', {}, el('thead', {}, table));
    el('th', {}, hr, '#');
    f.cpus.forEach(function (c) { el('th', {}, hr, c); });
    var tb = el('tbody', {}, table), rows = [];
    var r0 = el('tr', { 'data-step': 0 }, tb);
    el('td', {}, r0, '0');
    el('td', { colspan: f.cpus.length }, r0, 'initial state');
    rows.push(r0);
    f.steps.forEach(function (s, i) {
      var tr = el('tr', { 'data-step': i + 1, 'class': i + 1 === f.failStep ? 'failing' : '' }, tb);
      el('td', {}, tr, String(s.index));
      f.cpus.forEach(function (c) {
        var td = el('td', {}, tr);
        if (c !== s.cpu) return;
        if (s.irq) { td.className = 'irq'; el('span', { 'class': 'irqtag' }, td, '\u26a1 IRQ '); }
        el('div', {}, td, s.action);
        s.accesses.forEach(function (a) {
          var d = el('div', {}, td);
          el('span', { 'class': 'fn' }, d, a[0] + ' ');
          el('span', {}, d, a[1]);
        });
        if (s.outcome) el('div', { 'class': 'outcome' }, td, '\u21d2 ' + s.outcome);
      });
      rows.push(tr);
    });
    var pane = el('div', { 'class': 'pane' }, box);
    var ctl = el('div', { 'class': 'controls' }, pane);
    var back = el('button', { type: 'button' }, ctl, '\u25c0');
    var pos = el('span', { 'class': 'position' }, ctl);
    var fwd = el('button', { type: 'button' }, ctl, '\u25b6');
    el('span', {}, ctl, '  keys \u2190 / \u2192 step');
    var viol = el('div', { 'class': 'violation' }, pane);
    var svg = sv('svg', { 'class': 'picture', width: 660, height: 380 }, pane);
    var ans = el('div', { 'class': 'answers' }, pane);
    var pre = el('pre', { 'class': 'structure' }, pane);
    var v = { f: f, sec: sec, rows: rows, cur: -1 };
    v.select = function (i) {
      i = Math.max(0, Math.min(f.steps.length, i));
      v.cur = i;
      rows.forEach(function (r, k) { r.classList.toggle('selected', k === i); });
      if (rows[i].scrollIntoView) rows[i].scrollIntoView({ block: 'nearest' });
      var st = DATA.states[i === 0 ? f.initialState : f.steps[i - 1].state];
      var snap = st.snapshot;
      var prev = i === 0 ? null : DATA.states[i === 1 ? f.initialState : f.steps[i - 2].state].snapshot;
      pos.textContent = ' step ' + i + ' / ' + f.steps.length + ' ';
      svg.setAttribute('data-step', String(i));
      viol.className = 'violation';
      viol.textContent = '';
      if (i === f.failStep) viol.textContent = 'violated at this step: ' + f.message;
      else if (i > f.failStep) { viol.className = 'violation since'; viol.textContent = 'violated since step ' + f.failStep + ': ' + f.message; }
      while (svg.firstChild) svg.removeChild(svg.firstChild);
      ans.textContent = '';
      if (snap && snap.kind === 'ringbuffer') { drawRing(svg, snap, prev); ringAnswers(ans, snap); }
      else if (snap && snap.kind === 'rcu') { drawRcu(svg, snap, prev); rcuAnswers(ans, snap); }
      else if (snap && snap.kind === 'consolekit') { drawConsoleKit(svg, snap, prev); consoleKitAnswers(ans, snap); }
      else if (snap && snap.kind === 'tasklist') { drawTaskList(svg, snap, prev); taskListAnswers(ans, snap); }
      else if (snap && snap.kind === 'systemd') { drawSystemd(svg, snap, prev); systemdAnswers(ans, snap); }
      else { svg.setAttribute('viewBox', '0 0 660 40'); svg.setAttribute('height', 40); sv('text', { x: 8, y: 24 }, svg, 'no picture for this port: see the text below'); }
      pre.textContent = i === 0 ? f.initial : st.text;
    };
    rows.forEach(function (r, k) { r.addEventListener('click', function () { activate(v); v.select(k); }); });
    back.addEventListener('click', function () { activate(v); v.select(v.cur - 1); });
    fwd.addEventListener('click', function () { activate(v); v.select(v.cur + 1); });
    sec.addEventListener('click', function () { activate(v); });
    v.select(0);
    return v;
  }

  function activate(v) {
    if (active) active.sec.classList.remove('active');
    active = v;
    v.sec.classList.add('active');
  }

  document.addEventListener('keydown', function (e) {
    if (!active) return;
    if (e.key === 'ArrowRight') { active.select(active.cur + 1); e.preventDefault(); }
    else if (e.key === 'ArrowLeft') { active.select(active.cur - 1); e.preventDefault(); }
  });
  window.addEventListener('hashchange', function () {
    viewers.forEach(function (v) { if ('#' + v.f.id === location.hash) activate(v); });
  });

  // ---- JCStress outcome histograms ------------------------------------------------------------

  function histogram(h, root) {
    var sec = el('section', { 'class': 'hist' }, root);
    el('h3', {}, sec, h.suite + ' ' + h.variant + ' \u00b7 ' + h.harness + ': ' + h.verdict);
    var max = 1, rowH = 22;
    h.bars.forEach(function (b) { max = Math.max(max, b.count); });
    var svg = sv('svg', { 'class': 'picture', viewBox: '0 0 660 ' + (h.bars.length * rowH + 8), width: 660, height: h.bars.length * rowH + 8 }, sec);
    h.bars.forEach(function (b, i) {
      var y = 4 + i * rowH, w = b.count === 0 ? 0 : Math.max(2, 300 * Math.log(1 + b.count) / Math.log(1 + max));
      var g = sv('g', { 'class': 'hbar', 'data-outcome': b.outcome, 'data-grade': b.grade }, svg);
      sv('text', { x: 4, y: y + 14 }, g, b.outcome);
      sv('rect', { x: 110, y: y + 2, width: w, height: 16, 'class': 'bar-' + b.grade }, g);
      sv('text', { x: 114 + w, y: y + 14 }, g, b.count.toLocaleString('en') + '  ' + b.grade + (b.description ? ': ' + b.description : ''));
    });
    el('p', {}, sec, 'bar length: log(1 + count); colours: acceptable green, interesting orange, forbidden red, no @Outcome purple');
  }

  var froot = document.getElementById('failures');
  if (DATA.failures.length) el('h2', {}, froot, 'Counterexamples, step by step');
  DATA.failures.forEach(function (f) { viewers.push(makeViewer(f, froot)); });
  if (viewers.length) activate(viewers[0]);
  var hroot = document.getElementById('histograms');
  if (DATA.histograms.length) el('h2', {}, hroot, 'JCStress outcomes');
  DATA.histograms.forEach(function (h) { histogram(h, hroot); });
  document.body.setAttribute('data-ready', 'true');
})();
