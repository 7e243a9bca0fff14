/* hirebook serve: reloads the page after each rebuild, and shows a build's problems over the
   page until they are fixed. Injected only by `hirebook serve`, never into built sites. */
(function () {
  "use strict";
  var overlay = null;
  var source = new EventSource("/__hirebook/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("problems", function (event) { show(JSON.parse(event.data)); });

  function show(problems) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "hirebook-problems";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:rgba(20,23,29,.96);color:#f3f4f6;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem;";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var title = document.createElement("h2");
    title.style.cssText = "font:700 18px system-ui,sans-serif;margin:0 0 .5rem;color:#ff8f86;";
    title.textContent = "hirebook: " + problems.summary;
    var note = document.createElement("p");
    note.style.cssText = "font:14px system-ui,sans-serif;margin:0 0 1rem;color:#a0a8b8;";
    note.textContent = "The page shows the last good build. Fix the files below and save: this page reloads by itself.";
    var text = document.createElement("pre");
    text.style.cssText = "white-space:pre-wrap;margin:0;";
    text.textContent = problems.text;
    overlay.appendChild(title);
    overlay.appendChild(note);
    overlay.appendChild(text);
  }
})();
