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
    // - "Who can introduce us?" answers at the top of the panel, a chosen organisation's
    //   profile may be far below: the answer is scrolled into view (and focused).
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
        } else if (button.id.indexOf('"type":"search-hit"') >= 0  // SEARCH_HIT
                   || button.id.indexOf('"type":"pick"') >= 0  // PICK: key actors, ties
                   || button.id.indexOf('"type":"table-pick"') >= 0) {  // TABLE_PICK
            wantProfile();
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
        cy.on("tap", "node", wantProfile);
    }, 500);
    document.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && event.target && event.target.id === "search") {
            wantProfile();
        }
    }, true);
    // "Who can introduce me to…" chosen from its list (not only the button on a suggestion):
    // the ways in are written inside that organisation's suggestion, often far below, so
    // they are brought into view when they come (journeys-5)
    var lastTarget = null;
    function watchTarget() {
        var shown = document.querySelector("#target .dash-dropdown-value");
        var chosen = shown && !shown.classList.contains("dash-dropdown-placeholder")
            ? shown.textContent : "";
        if (chosen !== lastTarget) {
            if (chosen && lastTarget !== null) {
                var old = document.getElementById("co-paths");
                wantAnswer = {id: "co-paths", at: Date.now(), before: old ? old.textContent : ""};
            }
            lastTarget = chosen;
        }
    }
    function keepFocus() {
        watchTarget();
        var active = document.activeElement;
        if ((!active || active === document.body) && lastFocus) {
            var again = document.getElementById(lastFocus);
            if (again && again.offsetParent !== null) { again.focus({preventScroll: true}); }
        }
        if (wantAnswer && Date.now() - wantAnswer.at < 8000) {
            if (wantAnswer.profile) { showProfile(); return; }
            var answer = document.getElementById(wantAnswer.id);
            if (answer && answer.offsetParent !== null && answer.textContent.trim()
                    && answer.textContent !== wantAnswer.before) {  // the new answer, not the old
                var box = answer.getBoundingClientRect();
                if (box.top < 0 || box.top > window.innerHeight * 0.6) {
                    answer.scrollIntoView({block: "start", behavior: motion()});
                }
                if (answer.tabIndex >= 0 || answer.getAttribute("tabindex") === "-1") {
                    answer.focus({preventScroll: true});
                }
                wantAnswer = null;
            }
        }
    }
    function motion() {
        var still = window.matchMedia
            && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
        return still ? "auto" : "smooth";
    }
    // An organisation chosen (key actors, tables, search, a tap on the graph): its profile
    // heading is the answer. On a narrow screen the profile is far below: its heading is
    // brought to the top of the screen and takes the focus. On a wide one the page moves
    // (and the focus with it) only if the heading is out of sight; else the keyboard stays
    // on the list it chose from.
    function wantProfile() {
        var details = document.getElementById("details");
        wantAnswer = {profile: true, at: Date.now(),
                      before: details ? details.textContent : ""};
        setTimeout(keepFocus, 1500);  // the same organisation again: nothing is redrawn
    }
    function showProfile() {
        var details = document.getElementById("details");
        var heading = details && details.querySelector("h3");
        if (!heading || heading.offsetParent === null) { return; }
        if (details.getAttribute("data-dash-is-loading") === "true") {
            return;  // the new profile is on its way (however long a busy server takes)
        }
        if (details.textContent === wantAnswer.before && Date.now() - wantAnswer.at < 1200) {
            return;  // the profile shown before the choice: wait for the new one
        }
        wantAnswer = null;
        var box = heading.getBoundingClientRect(), high = window.innerHeight;
        var narrow = window.innerWidth <= 1100;
        var hidden = box.top < 0 || box.bottom > high;
        if (!(hidden || (narrow && box.top > high * 0.25))) { return; }
        heading.scrollIntoView({block: "start", behavior: motion()});
        heading.setAttribute("tabindex", "-1");
        heading.focus({preventScroll: true});
    }
    new MutationObserver(function () { requestAnimationFrame(keepFocus); })
        .observe(document.documentElement, {subtree: true, childList: true, attributes: true,
                                             attributeFilter: ["data-dash-is-loading"]});
})();
