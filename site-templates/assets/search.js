/* Gongshi search (search/index.html). No framework, no build step.
 *
 * The index is JavaScript files under search/, loaded with <script src> when a
 * query needs them, so search works opened from disk (file://, where fetch is
 * blocked) as well as served. How the files are made: Sources/GongshiRender/Search/;
 * why: docs/decisions.md ("Search"). The rules below (normalize, isWord, bucket)
 * are the same as SearchText and SearchLayout in Swift, unit for unit.
 *
 * Results come units first, then notices, then reports, newest first. Reports are
 * in groups by date (SearchLayout), so the newest group is read first and its
 * results shown before the older groups are read (for the count and for more).
 *
 * A query is cut at spaces into terms; a page matches when it has every term.
 * A term of two or more units is looked up by its bigrams (every pair of adjacent
 * word units) in the title, the text, the page's address (slug), its unit (or
 * issuer, or category) and its date as pages write it; a term of one character
 * matches titles only. Candidates from the postings are checked
 * against the page's text before they are shown: no false matches. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form || !window.Promise) return;
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  function number(name) { return +form.getAttribute("data-" + name) || 0; }
  var root = form.getAttribute("data-root") || "";
  var buckets = number("buckets") || 2, bits = 0;
  while ((1 << bits) < buckets) bits++;
  var reports = number("reports"), groupSize = number("group-size") || 1;
  var chunks = (form.getAttribute("data-chunks") || "32 8 32").split(" ").map(Number);
  var sizes = { u: number("units"), n: number("notices") };
  /* The groups in the order results are shown: units, notices, then reports newest first. */
  var order = ["u", "n"];
  for (var k = Math.ceil(reports / groupSize) - 1; k >= 0; k--) {
    order.push("r" + k);
    sizes["r" + k] = Math.min(groupSize, reports - k * groupSize);
  }
  function chunkSize(g) { return g === "u" ? chunks[0] : g === "n" ? chunks[1] : chunks[2]; }
  var PAGE = 20;
  var KINDS = { u: "文明单位", n: "通报公告", r: "创建动态" };

  /* ---- Loading index files ---- */
  var data = {}, loading = {};
  window.GongshiSearch = {
    p: function (g, b, value) { data[g + "/p" + b] = value; },
    t: function (g, c, value) { data[g + "/t" + c] = value; },
    /* What the last queries took, for tests (performance.now() times). */
    log: []
  };
  function load(key) {
    if (loading[key]) return loading[key];
    return (loading[key] = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = root + "search/" + key + ".js";
      script.onload = function () {
        script.parentNode.removeChild(script);
        if (key in data) resolve(data[key]); else { delete loading[key]; reject(new Error(key)); }
      };
      script.onerror = function () {
        script.parentNode.removeChild(script);
        delete loading[key];
        reject(new Error(key));
      };
      document.head.appendChild(script);
    }));
  }

  /* ---- Text rules (SearchText.swift) ---- */
  function norm(c) {
    if (c >= 0x41 && c <= 0x5A) return c + 0x20;
    if (c >= 0xFF21 && c <= 0xFF3A) return c - 0xFEE0 + 0x20;
    if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
    if (c === 0x3000) return 0x20;
    return c;
  }
  var FOLD = /[A-Z\uFF01-\uFF5E\u3000]/g;
  function normalize(s) {
    FOLD.lastIndex = 0;
    return FOLD.test(s) ? s.replace(FOLD, function (ch) { return String.fromCharCode(norm(ch.charCodeAt(0))); }) : s;
  }
  function isWord(c) {
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A)) return true;
    if (c <= 0xBF || c === 0xD7 || c === 0xF7) return false;
    if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE10 && c <= 0xFE1F) ||
        (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF)) return false;
    return true;
  }
  function bucket(c) { return Math.imul(c, 0x9E3779B1) >>> (32 - bits); }

  /* ---- Reading ids (SearchEncoding.swift) ---- */
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-", VALUE = {};
  for (var i = 0; i < 64; i++) VALUE[DIGITS.charCodeAt(i)] = i;
  function ids(text) {
    var out = [], j, d;
    if (text.charCodeAt(0) === 126) {  // "~": a bitmap
      for (j = 1; j < text.length; j++) {
        d = VALUE[text.charCodeAt(j)];
        for (var bit = 0; bit < 6; bit++) if (d & (1 << bit)) out.push((j - 1) * 6 + bit);
      }
      return out;
    }
    var previous = -1, n = 0;
    for (j = 0; j < text.length; j++) {
      d = VALUE[text.charCodeAt(j)];
      n = n * 32 + (d & 31);
      if (d < 32) { previous += n + 1; out.push(previous); n = 0; }
    }
    return out;
  }
  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) i++; else if (a[i] > b[j]) j++; else { out.push(a[i]); i++; j++; }
    }
    return out;
  }
  var decoded = {};
  function postings(g, key) {
    var name = g + "\u0000" + key;
    if (name in decoded) return decoded[name];
    var file = data[g + "/p" + bucket(key.charCodeAt(0))];
    if (!file) return [];
    return (decoded[name] = Object.prototype.hasOwnProperty.call(file, key) ? ids(file[key]) : []);
  }

  /* ---- Queries ---- */
  function parse(q) {
    var terms = [], seen = {};
    normalize(q).split(/\s+/).forEach(function (text) {
      if (!text || seen[text]) return;
      var keys = [], units = [], words = 0;
      for (var j = 0; j < text.length; j++) {
        if (!isWord(text.charCodeAt(j))) continue;
        words++;
        if (units.indexOf(text[j]) < 0) units.push(text[j]);
        if (j + 1 < text.length && isWord(text.charCodeAt(j + 1))) {
          var key = text.substr(j, 2);
          if (keys.indexOf(key) < 0) keys.push(key);
        }
      }
      if (!words) return;
      seen[text] = true;
      var titleOnly = keys.length === 0;
      terms.push({
        text: text, keys: titleOnly ? units : keys, units: units, titleOnly: titleOnly,
        // The postings alone decide: one bigram, or one character in titles.
        exact: text.length === (titleOnly ? 1 : 2) && words === text.length
      });
    });
    return terms;
  }

  /* A group's candidates, in the order they are shown: units whose titles have the query's
   * characters first, then by id; notices and reports newest first. */
  function collect(run, g) {
    var set = null, t, j, out = [];
    for (t = 0; t < run.terms.length && (!set || set.length); t++) {
      var term = run.terms[t], found = null;
      for (j = 0; j < term.keys.length && (!found || found.length); j++) {
        var p = postings(g, term.keys[j]);
        found = found ? intersect(found, p) : p;
      }
      set = set ? intersect(set, found) : found;
    }
    if (!set || !set.length) return out;
    if (g === "u") {
      var inTitle = null;
      run.terms.forEach(function (term) {
        term.units.forEach(function (u) { var q = postings(g, u); inTitle = inTitle ? intersect(inTitle, q) : q; });
      });
      var first = intersect(set, inTitle || []);
      var rest = set.filter(function (id) { return first.indexOf(id) < 0; });
      first.concat(rest).forEach(function (id) { out.push({ g: g, id: id }); });
    } else {
      for (j = set.length - 1; j >= 0; j--) out.push({ g: g, id: set[j] });
    }
    return out;
  }

  function files(g, buckets) {
    return Promise.all(buckets.map(function (b) { return load(g + "/p" + b); }));
  }

  /* Reads group number `i` (of `order`) and gives its candidates. The first three (the units, the
   * notices, the newest reports) are read with all the query's buckets at once. The others are
   * started together once those are read, each with one bucket first (the pivot, with most of the
   * query's keys), and its other buckets only when that one leaves candidates: a word found nowhere
   * is known to be so after a file per group. */
  function ready(run, i) {
    if (!run.ready[i]) {
      for (var j = i < 3 ? 0 : 3; j < (i < 3 ? Math.min(3, order.length) : order.length); j++) {
        run.ready[j] = run.ready[j] || start(run, order[j], j < 3);
      }
    }
    return run.ready[i];
  }
  function start(run, g, all) {
    if (!(sizes[g] > 0)) return Promise.resolve([]);
    var read;
    if (all || run.buckets.length === 1) {
      read = files(g, run.buckets);
    } else {
      var pivot = run.pivot;
      read = files(g, [pivot]).then(function () {
        if (current !== run) return;
        var dead = run.terms.some(function (t) {
          return t.keys.some(function (key) { return bucket(key.charCodeAt(0)) === pivot && !postings(g, key).length; });
        });
        if (!dead) return files(g, run.buckets.filter(function (b) { return b !== pivot; }));
      });
    }
    return read.then(function () { return current === run ? collect(run, g) : []; });
  }

  /* Adds the next group's candidates, groups in order (one after another, whoever asks). */
  function grow(run) {
    var i = run.groups++;
    return (run.chain = run.chain.then(function () { return ready(run, i); }).then(function (found) {
      if (current === run) for (var k = 0; k < found.length; k++) run.candidates.push(found[k]);
    }));
  }
  /* Every group not read yet. */
  function growAll(run) {
    return current === run && run.groups < order.length ? grow(run).then(function () { return growAll(run); }) : run.chain;
  }

  function docOf(c) {
    if (!c.doc) {
      var k = chunkSize(c.g), chunk = data[c.g + "/t" + Math.floor(c.id / k)], at = (c.id % k) * 5;
      var path = chunk[at + 3], slug = path.slice(path.lastIndexOf("/") + 1);
      try { slug = decodeURIComponent(slug); } catch (e) { /* keep as written */ }
      var date = chunk[at + 2], ymd = date.split("-");
      var shown = date ? +ymd[0] + "年" + +ymd[1] + "月" + +ymd[2] + "日" : "";
      c.doc = { title: chunk[at], label: chunk[at + 1], date: date, shownDate: shown, path: path, text: chunk[at + 4],
                nTitle: normalize(chunk[at]), nText: normalize(chunk[at + 4]), nSlug: normalize(slug),
                nLabel: normalize(chunk[at + 1]), nDate: shown };
    }
    return c.doc;
  }
  function matches(doc, terms) {
    return terms.every(function (t) {
      return doc.nTitle.indexOf(t.text) >= 0 ||
        (!t.titleOnly && (doc.nText.indexOf(t.text) >= 0 || doc.nSlug.indexOf(t.text) >= 0 ||
                          doc.nLabel.indexOf(t.text) >= 0 || doc.nDate.indexOf(t.text) >= 0));
    });
  }

  var current = null, serial = 0;
  function search(q, typed) {
    var run = { serial: ++serial, q: q, typed: typed, terms: parse(q), buckets: [], groups: 0, candidates: [],
                next: 0, shown: 0, rejected: 0, counted: false, ready: [], chain: Promise.resolve() };
    current = run;
    list.textContent = "";
    more.hidden = true;
    say("");  // no count of the words before while this one is looked up
    if (!run.terms.length) {
      say(q.trim() ? "请输入要找的字或词。" : "");
      return Promise.resolve();
    }
    // The buckets the query's keys are in; the pivot holds most of them.
    var needed = {}, pivot = -1;
    run.terms.forEach(function (t) {
      t.units.forEach(function (u) { var b = bucket(u.charCodeAt(0)); needed[b] = needed[b] || 0; });
      t.keys.forEach(function (key) {
        var b = bucket(key.charCodeAt(0));
        needed[b]++;
        if (pivot < 0 || needed[b] > needed[pivot]) pivot = b;
      });
    });
    run.buckets = Object.keys(needed).map(Number);
    run.pivot = pivot;
    run.exact = run.terms.every(function (t) { return t.exact; });
    var slow = setTimeout(function () { if (current === run && !run.shown) say("正在查找……"); }, 400);
    return show(run).then(function () {
      if (current !== run) return;
      // The rest of the groups, for the count (and the next pages).
      return growAll(run).then(function () {
        if (current !== run) return;
        run.counted = true;
        finish(run);
      });
    }).then(function () { clearTimeout(slow); }, function () {
      clearTimeout(slow);
      if (current === run) say("搜索索引没能读取：请确认网站的 search 文件夹与网页一起发布了。");
    });
  }

  /* Shows the next page of results: loads the candidates' text and keeps those that really
   * match, reading more groups while there are too few. */
  function show(run) {
    var want = PAGE;
    function step() {
      if (current !== run) return;
      if (want <= 0) return;
      // The candidates found so far are shown before more groups are read: the first results come
      // from the first groups read (units, notices, the newest reports) as soon as they are checked.
      if (run.next >= run.candidates.length) return run.groups < order.length ? grow(run).then(step) : undefined;
      var batch = run.candidates.slice(run.next, run.next + want);
      run.next += batch.length;
      var needed = {};
      batch.forEach(function (c) { needed[c.g + "/t" + Math.floor(c.id / chunkSize(c.g))] = true; });
      var files = Object.keys(needed), asked = performance.now();
      return Promise.all(files.map(load)).then(function () {
        if (current !== run) return;
        var fragment = document.createDocumentFragment();
        batch.forEach(function (c) {
          var doc = docOf(c);
          if (matches(doc, run.terms)) { fragment.appendChild(render(c, doc, run.terms)); want--; run.shown++; } else { run.rejected++; }
        });
        list.appendChild(fragment);
        if (run.shown && !run.logged) {
          run.logged = true;
          window.GongshiSearch.log.push({ q: run.q, typed: run.typed, shown: performance.now(), texts: files.length,
                                          textsAsked: asked, groups: run.groups });
        }
        return step();
      });
    }
    return Promise.resolve().then(step).then(function () { if (run.counted && current === run) finish(run); });
  }

  function finish(run) {
    if (!run.logged) {
      run.logged = true;
      window.GongshiSearch.log.push({ q: run.q, typed: run.typed, shown: performance.now(), texts: 0, groups: run.groups });
    }
    var total = run.candidates.length - run.rejected;
    var done = run.next >= run.candidates.length;
    more.hidden = done;
    if (!run.shown) {
      say("没有找到含有“" + run.q.trim() + "”的页面。" + (run.terms.some(function (t) { return t.titleOnly; }) ? "只输入一个字时只找标题；再多输入一个字，可以连正文一起找。" : ""));
      return;
    }
    var count = run.exact || done ? "找到 " + group3(total) + " 条结果" : "找到约 " + group3(total) + " 条结果";
    say(count + (done && run.shown === total ? "。" : "，显示了前 " + group3(run.shown) + " 条。"));
  }

  function group3(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

  /* The live region; data-q names the query it speaks of (for tests). */
  function say(text) {
    if (status.textContent !== text) status.textContent = text;
    status.setAttribute("data-q", current ? current.q : "");
  }

  /* ---- One result ---- */
  function render(c, doc, terms) {
    var li = document.createElement("li");
    var h = document.createElement("h2");
    h.className = "item-title";
    var a = document.createElement("a");
    a.href = root + doc.path + "/index.html";
    mark(a, doc.title, doc.nTitle, terms);
    h.appendChild(a);
    li.appendChild(h);
    /* The kind, the unit (issuer, category) and the date, as the lists show them (.meta). */
    var meta = document.createElement("p");
    meta.className = "meta";
    var kind = document.createElement("span");
    kind.textContent = KINDS[c.g.charAt(0)];
    meta.appendChild(kind);
    if (doc.label) {
      var label = document.createElement("span");
      mark(label, doc.label, doc.nLabel, terms);
      meta.appendChild(label);
    }
    if (doc.date) {
      var time = document.createElement("time");
      time.setAttribute("datetime", doc.date);
      mark(time, doc.shownDate, doc.nDate, terms);
      meta.appendChild(time);
    }
    li.appendChild(meta);
    var snippet = excerpt(doc, terms);
    if (snippet) {
      var p = document.createElement("p");
      p.className = "excerpt";
      mark(p, snippet.text, snippet.norm, terms);
      li.appendChild(p);
    }
    return li;
  }

  /* The text around the first match in the text, or its beginning. */
  function excerpt(doc, terms) {
    var text = doc.text, at = -1, length = 0;
    terms.forEach(function (t) {
      if (t.titleOnly) return;
      var i = doc.nText.indexOf(t.text);
      if (i >= 0 && (at < 0 || i < at)) { at = i; length = t.text.length; }
    });
    if (!text) return null;
    var start = at < 0 ? 0 : Math.max(0, at - 24), end = Math.min(text.length, (at < 0 ? 0 : at + length) + 76);
    if (start > 0 && isLow(text.charCodeAt(start))) start--;
    if (end < text.length && isLow(text.charCodeAt(end))) end++;
    return { text: (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : ""),
             norm: (start > 0 ? "…" : "") + doc.nText.slice(start, end) + (end < text.length ? "…" : "") };
  }
  function isLow(c) { return c >= 0xDC00 && c <= 0xDFFF; }

  /* Appends `text` to `node`, each place a term matches (in `norm`, the same text normalized) in <mark>. */
  function mark(node, text, norm, terms) {
    var words = terms.map(function (t) { return t.text; }).sort(function (a, b) { return b.length - a.length; });
    var last = 0;
    for (var i = 0; i < norm.length;) {
      var hit = 0;
      for (var w = 0; w < words.length; w++) if (norm.startsWith(words[w], i)) { hit = words[w].length; break; }
      if (!hit) { i++; continue; }
      if (i > last) node.appendChild(document.createTextNode(text.slice(last, i)));
      var m = document.createElement("mark");
      m.textContent = text.slice(i, i + hit);
      node.appendChild(m);
      i += hit;
      last = i;
    }
    if (last < text.length) node.appendChild(document.createTextNode(text.slice(last)));
  }

  /* ---- The form ---- */
  var composing = false;
  function go(typed) {
    var q = input.value;
    if (current && current.q === q) return;
    search(q, typed);
    try {
      var url = location.pathname + (q.trim() ? "?q=" + encodeURIComponent(q.trim()) : "");
      history.replaceState(null, "", url);
    } catch (e) { /* file:// may refuse; the search works without */ }
  }
  input.addEventListener("compositionstart", function () { composing = true; });
  input.addEventListener("compositionend", function (e) { composing = false; go(e.timeStamp); });
  input.addEventListener("input", function (e) { if (!composing && !e.isComposing) go(e.timeStamp); });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    current = null;  // search again, even for the same words
    go(e.timeStamp);
  });
  more.addEventListener("click", function () {
    var run = current;
    if (!run) return;
    var first = list.children.length;
    more.hidden = true;
    show(run).then(function () {
      // Keyboard users land on the first new result.
      var next = list.children[first];
      var link = next && next.querySelector("a");
      if (link) link.focus();
    });
  });

  form.hidden = false;
  var nojs = document.getElementById("search-nojs");
  if (nojs) nojs.hidden = true;
  var asked = /[?&]q=([^&]*)/.exec(location.search);
  if (asked) {
    try { input.value = decodeURIComponent(asked[1].replace(/\+/g, " ")); } catch (e) { input.value = ""; }
    go(performance.now());
  }
})();
