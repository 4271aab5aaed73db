// The report's what-if panel: TOPSIS recomputed from the embedded separation tables.
// D+_i = sqrt(sum_j A+_ij w_j^2), D-_i likewise, score_i = D-_i / (D+_i + D-_i),
// as pathchoice computes it; moving one weight rescales the others in proportion.
// The toggles choose a scenario (its separation tables) and a judgement set (its
// weights, its top path and the slider marks), all computed in Python.
(function () {
  "use strict";
  var node = document.getElementById("whatif-data");
  if (!node) { return; }
  var D = JSON.parse(node.textContent);
  var n = D.criteria.length;
  var s = D.start[0], e = D.start[1];
  var T = D.scenarios[s], C = D.cases[s][e];
  var w = C.weights.slice();

  function scores(weights) {
    return T.aplus.map(function (row, i) {
      var p = 0, m = 0;
      for (var j = 0; j < n; j++) {
        var w2 = weights[j] * weights[j];
        p += row[j] * w2;
        m += T.aminus[i][j] * w2;
      }
      p = Math.sqrt(p); m = Math.sqrt(m);
      return p + m === 0 ? D.tie : m / (p + m);
    });
  }

  // weight j set to v; the others keep their ratios and sum to 1 - v
  function setWeight(j, v) {
    v = Math.min(1, Math.max(0, Number(v)));
    if (!isFinite(v)) { return; }
    var rest = 0;
    for (var k = 0; k < n; k++) { if (k !== j) { rest += w[k]; } }
    for (var k2 = 0; k2 < n; k2++) {
      if (k2 === j) { continue; }
      w[k2] = rest > 0 ? w[k2] * (1 - v) / rest : (1 - v) / (n - 1);
    }
    w[j] = v;
    show();
  }

  function show() {
    var sc = scores(w);
    var order = sc.map(function (_, i) { return i; });
    order.sort(function (a, b) { return sc[b] - sc[a] || a - b; });
    var body = document.querySelector("#whatif-table tbody");
    body.textContent = "";
    order.forEach(function (i, r) {
      var tr = document.createElement("tr");
      if (r === 0) { tr.className = "best"; }
      tr.dataset.alternative = D.alternatives[i];
      tr.dataset.score = String(sc[i]);
      [String(r + 1), D.alternatives[i], sc[i].toFixed(4)].forEach(function (text, c) {
        var td = document.createElement("td");
        if (c !== 1) { td.className = "num"; }
        td.textContent = text;
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    var top = D.alternatives[order[0]];
    var label = document.getElementById("wi-top");
    label.textContent = top === C.top ? "First: " + top : "First now: " + top + " (was " + C.top + ")";
    label.dataset.top = top;
    for (var j = 0; j < n; j++) {
      document.getElementById("wi-r-" + j).value = String(w[j]);
      var box = document.getElementById("wi-n-" + j);
      if (document.activeElement !== box) { box.value = String(Number(w[j].toFixed(6))); }
    }
  }

  function marks() {
    for (var j = 0; j < n; j++) {
      var track = document.querySelector('.wi-row[data-j="' + j + '"] .wi-marks');
      track.textContent = "";
      track.parentElement.classList.remove("wi-two");
      var last = -1;
      (C.marks[D.criteria[j]] || []).forEach(function (m) {
        var tick = document.createElement("span");
        // a mark close to the one before it gets its label on a second line
        tick.className = m.at - last < 0.06 ? "wi-mark wi-mark-2" : "wi-mark";
        last = tick.className === "wi-mark" ? m.at : -1;
        if (last < 0) { track.parentElement.classList.add("wi-two"); }
        tick.style.left = (100 * m.at) + "%";
        tick.title = "at " + m.at.toFixed(3) + ": " + m.top + " becomes first";
        tick.textContent = m.at.toFixed(3);
        tick.dataset.at = String(m.at);
        track.appendChild(tick);
      });
    }
  }

  // start from scenario k and judgement set l: their tables, weights and marks
  function choose(k, l) {
    s = k; e = l; T = D.scenarios[s]; C = D.cases[s][e];
    w = C.weights.slice();
    var about = document.getElementById("wi-about");
    if (about) { about.textContent = T.description; }
    [["wi-scenario", s], ["wi-set", e]].forEach(function (pair) {
      var box = document.getElementById(pair[0] + "-" + pair[1]);
      if (box) { box.checked = true; }
    });
    marks();
    show();
  }

  for (var j = 0; j < n; j++) {
    (function (j) {
      document.getElementById("wi-r-" + j).addEventListener("input", function (ev) {
        setWeight(j, ev.target.value);
      });
      document.getElementById("wi-n-" + j).addEventListener("input", function (ev) {
        if (ev.target.value !== "") { setWeight(j, ev.target.value); }
      });
    })(j);
  }
  document.querySelectorAll('input[name="wi-scenario"]').forEach(function (box) {
    box.addEventListener("change", function () { choose(Number(box.value), e); });
  });
  document.querySelectorAll('input[name="wi-set"]').forEach(function (box) {
    box.addEventListener("change", function () { choose(s, Number(box.value)); });
  });
  document.getElementById("wi-reset").addEventListener("click", function () { choose(s, e); });
  window.pathchoiceWhatIf = {
    scores: function (weights) { return scores(weights || w); },
    setWeight: setWeight,
    choose: choose,
    weights: function () { return w.slice(); },
    chosen: function () { return [s, e]; }
  };
  choose(s, e);
})();
