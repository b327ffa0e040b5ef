/* casebook data format 1 */
/* Casebook search: reads ?q= from the address, loads only the index shards that the query's tokens
   hash to, ranks the cases that hold every token, confirms whole phrases against each case's text
   and shows a snippet. The data files are plain script files, added as script elements, so this works from file:// too.
   Case texts come in chunks of data-chunk cases, compressed (raw DEFLATE, base64); a browser without
   DecompressionStream still lists the results, without snippets or the phrase check.
   Tokenising and hashing must match Sources/CasebookKit/Search/SearchTokens.swift and SearchIndex.swift. */
(function () {
  'use strict';

  var page = document.getElementById('search');
  if (!page) return;
  var shardCount = Number(page.getAttribute('data-shards'));
  var chunkSize = Number(page.getAttribute('data-chunk'));
  var pageSize = 20;
  var shards = {};
  var chunks = {};
  var unpacked = {};
  var docs = {};
  var loading = {};

  window.casebookSearch = {
    shard: function (number, postings) { shards[number] = postings; },
    text: function (number, records, packed) { chunks[number] = { records: records, packed: packed }; }
  };

  function inflate(packed) {
    if (typeof DecompressionStream !== 'function') return Promise.resolve(null);
    var bytes = Uint8Array.from(atob(packed), function (character) { return character.charCodeAt(0); });
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return new Response(stream).text().then(JSON.parse);
  }

  // Loads the chunk holding case `id` and files each of its cases under docs.
  function loadDoc(id) {
    var number = Math.floor(id / chunkSize);
    if (!unpacked[number]) {
      unpacked[number] = load('text-' + number + '.js').then(function () {
        return inflate(chunks[number].packed);
      }).then(function (texts) {
        chunks[number].records.forEach(function (record, index) {
          docs[number * chunkSize + index] = { t: record[0], u: record[1], p: record[2], d: record[3], x: texts ? texts[index] : null };
        });
        delete chunks[number];
      });
    }
    return unpacked[number];
  }

  function load(file) {
    if (!loading[file]) {
      loading[file] = new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = 'search/' + file;
        script.onload = resolve;
        script.onerror = function () { reject(new Error(file)); };
        document.head.appendChild(script);
      });
    }
    return loading[file];
  }

  function isHan(code) {
    return code === 0x3007 || (code >= 0x3040 && code <= 0x30FF) || (code >= 0x3400 && code <= 0x4DBF) ||
      (code >= 0x4E00 && code <= 0x9FFF) || (code >= 0xAC00 && code <= 0xD7AF) || (code >= 0xF900 && code <= 0xFAFF) ||
      (code >= 0x20000 && code <= 0x323AF);
  }
  var wordCharacter = /[\p{L}\p{N}\p{M}]/u;

  function normalize(text) { return text.normalize('NFKC').toLowerCase(); }

  // The query's tokens (a Han run gives its pairs, or the character alone), and the runs of three
  // or more characters, which the pairs alone cannot prove are written together.
  function analyse(query) {
    var tokens = [];
    var phrases = [];
    var needles = [];
    var run = [];
    var word = '';
    function endRun() {
      if (run.length === 1) tokens.push(run[0]);
      for (var i = 1; i < run.length; i += 1) tokens.push(run[i - 1] + run[i]);
      if (run.length >= 3) phrases.push(run.join(''));
      if (run.length > 0) needles.push(run.join(''));
      run = [];
    }
    function endWord() {
      if (word) { tokens.push(word); needles.push(word); }
      word = '';
    }
    Array.from(normalize(query)).forEach(function (character) {
      if (isHan(character.codePointAt(0))) {
        endWord();
        run.push(character);
      } else {
        endRun();
        if (wordCharacter.test(character)) word += character; else endWord();
      }
    });
    endRun();
    endWord();
    return { tokens: Array.from(new Set(tokens)), phrases: phrases, needles: needles };
  }

  function shardOf(token) {
    var hash = 0x811c9dc5;
    new TextEncoder().encode(token).forEach(function (byte) {
      hash ^= byte;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    });
    return hash % shardCount;
  }

  // Case id -> weight for one token. Its posting list is a string of base64 VLQ numbers (five bits
  // a character, low bits first, 32 meaning more follow), each the gap from the previous case id
  // times 16 plus a code for the weight.
  var digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  var weightSteps = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 20, 28, 40, 60];
  function postings(token) {
    var packed = (shards[shardOf(token)] || {})[token] || '';
    var found = new Map();
    var id = 0;
    var value = 0;
    var shift = 0;
    for (var i = 0; i < packed.length; i += 1) {
      var digit = digits.indexOf(packed.charAt(i));
      value += (digit & 31) * Math.pow(2, shift);
      if (digit & 32) { shift += 5; continue; }
      id += Math.floor(value / 16);
      found.set(id, weightSteps[value % 16]);
      value = 0;
      shift = 0;
    }
    return found;
  }

  // Cases holding every token, best first: summed weights, then newest (lowest id) first.
  function rank(tokens) {
    var lists = tokens.map(postings).sort(function (a, b) { return a.size - b.size; });
    var ranked = [];
    lists[0].forEach(function (weight, id) {
      var score = weight;
      for (var i = 1; i < lists.length; i += 1) {
        var other = lists[i].get(id);
        if (other === undefined) return;
        score += other;
      }
      ranked.push({ id: id, score: score });
    });
    ranked.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    return ranked.map(function (entry) { return entry.id; });
  }

  // The text folded as the index folds it, and where each folded character came from.
  function fold(text) {
    var folded = '';
    var origin = [];
    var offset = 0;
    Array.from(text).forEach(function (character) {
      var piece = normalize(character);
      for (var i = 0; i < piece.length; i += 1) origin.push(offset);
      folded += piece;
      offset += character.length;
    });
    origin.push(offset);
    return { text: folded, origin: origin };
  }

  function snippet(record, needles) {
    var text = record.x;
    var folded = fold(text);
    var hits = [];
    needles.forEach(function (needle) {
      var at = folded.text.indexOf(needle);
      while (at >= 0) {
        hits.push([folded.origin[at], folded.origin[at + needle.length]]);
        at = folded.text.indexOf(needle, at + needle.length);
      }
    });
    hits.sort(function (a, b) { return a[0] - b[0]; });
    // The first hit after the title line, if there is one, reads best.
    var titleEnd = text.indexOf('\n');
    var first = hits.find(function (hit) { return hit[0] > titleEnd; }) || hits[0] || [0, 0];
    var start = Math.max(0, first[0] - 30);
    var end = Math.min(text.length, first[0] + 90);
    var paragraph = document.createElement('p');
    paragraph.className = 'snippet';
    var position = start;
    if (start > 0) paragraph.appendChild(document.createTextNode('…'));
    hits.forEach(function (hit) {
      if (hit[0] < position || hit[1] > end) return;
      paragraph.appendChild(document.createTextNode(text.slice(position, hit[0]).replace(/\s+/g, ' ')));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(hit[0], hit[1]);
      paragraph.appendChild(mark);
      position = hit[1];
    });
    paragraph.appendChild(document.createTextNode(text.slice(position, end).replace(/\s+/g, ' ') + (end < text.length ? '…' : '')));
    return paragraph;
  }

  function result(id, needles) {
    var record = docs[id];
    var item = document.createElement('li');
    var heading = document.createElement('h2');
    var link = document.createElement('a');
    link.href = record.u;
    link.textContent = record.t;
    heading.appendChild(link);
    var meta = document.createElement('p');
    meta.className = 'meta';
    meta.textContent = record.d + ' · ' + record.p;
    item.appendChild(heading);
    item.appendChild(meta);
    if (record.x !== null) item.appendChild(snippet(record, needles));
    return item;
  }

  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');

  function say(key, n, m) {
    status.textContent = page.getAttribute('data-' + key).replace('{n}', n).replace('{m}', m);
  }

  function run(query) {
    var parts = analyse(query);
    if (parts.tokens.length === 0) return;
    performance.mark('casebook-search-start');
    document.title = query + ' · ' + page.getAttribute('data-title') + ' · ' + page.getAttribute('data-site');
    say('loading');
    var wanted = Array.from(new Set(parts.tokens.map(shardOf)));
    Promise.all(wanted.map(function (number) { return load('shard-' + number + '.js'); })).then(function () {
      var waiting = rank(parts.tokens);
      var confirmed = [];
      var shown = 0;
      function holdsPhrases(id) {
        if (docs[id].x === null) return true;
        var text = normalize(docs[id].x);
        return parts.phrases.every(function (phrase) { return text.indexOf(phrase) >= 0; });
      }
      // Confirms candidates in batches until a page is full, then shows it.
      function next() {
        if (confirmed.length >= shown + pageSize || waiting.length === 0) {
          confirmed.slice(shown, shown + pageSize).forEach(function (id) { list.appendChild(result(id, parts.needles)); });
          if (shown === 0) performance.mark('casebook-search-shown');
          shown = Math.min(confirmed.length, shown + pageSize);
          more.hidden = shown >= confirmed.length && waiting.length === 0;
          if (confirmed.length === 0 && waiting.length === 0) say('none');
          else if (waiting.length === 0) say('found', confirmed.length);
          else say('found-about', confirmed.length, waiting.length);
          return Promise.resolve();
        }
        var batch = waiting.splice(0, pageSize);
        return Promise.all(batch.map(loadDoc)).then(function () {
          batch.forEach(function (id) { if (holdsPhrases(id)) confirmed.push(id); });
          return next();
        });
      }
      more.onclick = function () { next().catch(failed); };
      return next();
    }).catch(failed);
  }

  function failed() { say('failed'); }

  var query = new URLSearchParams(location.search).get('q') || '';
  document.getElementById('search-q').value = query;
  run(query);
})();
