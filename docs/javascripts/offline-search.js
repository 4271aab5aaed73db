// Search for the site opened from disk (file://). There the browser refuses to start the web
// worker in which Material's search runs, and Material's script stops at that refusal (the
// page keeps its no-script look: no search box, no followed table of contents). Loaded in the
// page head, before Material's script (mkdocs.yml, extra.polyfills), this script gives it a
// stand-in worker that never answers, so the rest of Material starts, and then answers the
// search box itself: it loads the same index, written as a script by docs/_offline_search.py
// (search/search_index.js), and lists the pages holding every word typed, pages whose title
// holds them first. Served over http (mkdocs serve, a web host) it does nothing.
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  window.Worker = class extends EventTarget {
    postMessage() {}
    terminate() {}
  };

  document.addEventListener("DOMContentLoaded", function () {
    var config = JSON.parse(document.getElementById("__config").textContent);
    var script = document.createElement("script");
    script.src = (config.base || ".") + "/search/search_index.js";
    script.onload = function () { setup(config); };
    document.head.appendChild(script);
  });

  function plain(html) {
    // DOMParser's documents run no script and load nothing, so the text is safe to read.
    return new DOMParser().parseFromString(html, "text/html").body.textContent || "";
  }

  function count(haystack, needle) {
    var n = 0, at = haystack.indexOf(needle);
    while (at !== -1) { n += 1; at = haystack.indexOf(needle, at + needle.length); }
    return n;
  }

  function setup(config) {
    var base = config.base || ".";
    var docs = window.__index.docs.map(function (d) {
      var title = plain(d.title), text = plain(d.text);
      return { location: d.location, title: title, text: text,
               low: title.toLowerCase(), lowText: text.toLowerCase() };
    });
    var input = document.querySelector("[data-md-component=search-query]");
    var list = document.querySelector(".md-search-result__list");
    var meta = document.querySelector(".md-search-result__meta");
    if (!input || !list || !meta) return;
    var t = config.translations || {};

    function render() {
      var words = input.value.toLowerCase().split(/[\s\-]+/).filter(Boolean);
      list.replaceChildren();
      if (!words.length) { meta.textContent = t["search.result.placeholder"] || ""; return; }
      var hits = [];
      docs.forEach(function (d) {
        var score = 0;
        for (var i = 0; i < words.length; i++) {
          var inTitle = count(d.low, words[i]), inText = count(d.lowText, words[i]);
          if (!inTitle && !inText) return;
          score += 100 * inTitle + inText;
        }
        hits.push({ doc: d, score: score });
      });
      hits.sort(function (a, b) { return b.score - a.score; });
      meta.textContent = hits.length === 0 ? (t["search.result.none"] || "No matching documents")
        : hits.length === 1 ? (t["search.result.one"] || "1 matching document")
        : (t["search.result.other"] || "# matching documents").replace("#", hits.length);
      hits.slice(0, 20).forEach(function (hit) {
        var d = hit.doc, at = Math.max(0, d.lowText.indexOf(words[0]) - 60);
        var item = document.createElement("li");
        item.className = "md-search-result__item";
        var link = document.createElement("a");
        link.className = "md-search-result__link";
        link.href = base + "/" + d.location;
        var article = document.createElement("article");
        article.className = "md-search-result__article md-typeset";
        var heading = document.createElement("h1");
        heading.textContent = d.title;
        var snippet = document.createElement("p");
        snippet.textContent = (at > 0 ? "… " : "") + d.text.slice(at, at + 200) + " …";
        article.append(heading, snippet);
        link.append(article);
        item.append(link);
        list.append(item);
      });
    }
    // After Material's own handlers, which clear the results they have none for.
    var pending = null;
    function later() { clearTimeout(pending); pending = setTimeout(render, 30); }
    input.addEventListener("input", later);
    input.addEventListener("keyup", later);
    input.addEventListener("focus", later);
    render();
  }
})();
