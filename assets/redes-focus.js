/* Redes, browser side: answers brought into view and the keyboard focus kept when Dash
 * redraws what had it.
 */
(function () {
    "use strict";
    var R = window.redesShared;
    var GRAPH = R.GRAPH, cyOf = R.cyOf;

    // Answers in view, focus kept.
    // - Dash redraws the tables and panels a click came from, and the focus falls to <body>
    //   (a keyboard user was sent 44 tabs back): when the focused element is replaced, the
    //   focus goes to the new element with the same id, or to a fallback.
    // - "Who can introduce us?" answers at the top of the panel, a search on a narrow screen
    //   opens the profile far below: the answer is scrolled into view (and focused).
    var lastFocus = null, wantAnswer = null;
    document.addEventListener("focusin", function (event) {
        var el = event.target;
        if (el && el.id && el !== document.body) { lastFocus = el.id; }
    });
    document.addEventListener("click", function (event) {
        var button = event.target && event.target.closest && event.target.closest("button");
        if (!button || !button.id) { return; }
        if (button.id.indexOf('"type":"intro"') >= 0) {  // components.ids.INTRO
            wantAnswer = {id: "co-paths", at: Date.now()};
        } else if (button.id.indexOf('"type":"search-hit"') >= 0) {  // SEARCH_HIT
            wantAnswer = {id: "details", at: Date.now(), narrow: true};
        } else if (button.id === "present-exit") {
            lastFocus = "present-start";
        }
    }, true);
    // a tap on an organisation in the graph opens its profile: on a narrow screen that is
    // far below, so bring it into view
    var tapWatch = setInterval(function () {
        var cy = cyOf(GRAPH);
        if (!cy) { return; }
        clearInterval(tapWatch);
        cy.on("tap", "node", function () {
            wantAnswer = {id: "details", at: Date.now(), narrow: true};
        });
    }, 500);
    document.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && event.target && event.target.id === "search") {
            wantAnswer = {id: "details", at: Date.now(), narrow: true};
        }
    }, true);
    function keepFocus() {
        var active = document.activeElement;
        if ((!active || active === document.body) && lastFocus) {
            var again = document.getElementById(lastFocus);
            if (again && again.offsetParent !== null) { again.focus({preventScroll: true}); }
        }
        if (wantAnswer && Date.now() - wantAnswer.at < 8000) {
            var answer = document.getElementById(wantAnswer.id);
            var narrow = window.innerWidth <= 1100;
            if (answer && answer.offsetParent !== null && answer.textContent.trim()
                && (!wantAnswer.narrow || narrow)) {
                var box = answer.getBoundingClientRect();
                if (box.top < 0 || box.top > window.innerHeight * 0.6) {
                    answer.scrollIntoView({block: "start", behavior: "smooth"});
                }
                if (answer.tabIndex >= 0 || answer.getAttribute("tabindex") === "-1") {
                    answer.focus({preventScroll: true});
                }
                wantAnswer = null;
            }
        }
    }
    new MutationObserver(function () { requestAnimationFrame(keepFocus); })
        .observe(document.documentElement, {subtree: true, childList: true});
})();
