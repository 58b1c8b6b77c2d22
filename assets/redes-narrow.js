/* Redes, browser side: the discourse view's "who says what" picture on a phone.
 *
 * The picture puts the actors in a column on the left and the discourses far to the right
 * (network/layout/discourse.py, 1,600 units wide, 1,000 high). Fitted into a phone's
 * 350 px beside the names on both sides, that was a strip 60 px high in a tall box, the
 * names stacked on one another and cut. On a narrow screen the two columns move close
 * together (the edges fan over a short width), so the picture is fitted by its height and
 * the names get their lines; a long discourse name is set on two lines.
 */
(function () {
    "use strict";
    var R = window.redesShared, cyOf = R.cyOf;
    var NARROW = "(max-width: 700px)";  // as the phone rules of app.css
    var SQUEEZE = 0.08;  // 1,600 units across become 128: about as wide as the fit allows
    var ONE_LINE_PX = 130;  // a discourse name wider than this (bold, 12 px) takes two lines

    function narrow() { return !!(window.matchMedia && window.matchMedia(NARROW).matches); }

    function twoLines(text) {
        if (text.indexOf("\n") >= 0 || R.textWidth(text, 12, true) <= ONE_LINE_PX) { return text; }
        var middle = text.length / 2, best = -1;
        for (var i = 0; i < text.length; i++) {
            if (text[i] === " " && (best < 0 || Math.abs(i - middle) < Math.abs(best - middle))) {
                best = i;
            }
        }
        return best < 0 ? text : text.slice(0, best) + "\n" + text.slice(best + 1);
    }

    function squeeze(n) {
        if (!narrow()) { return; }
        var wide = n.scratch("_redesWide");
        if (!wide) {
            wide = {x: n.position("x"), y: n.position("y")};
            n.scratch("_redesWide", wide);
        }
        n.position({x: wide.x * SQUEEZE, y: wide.y});
        if (n.hasClass("discourse")) {
            var label = n.data("label") || "", set = twoLines(label);
            if (set !== label) { n.data("label", set); }
        }
    }

    var watch = setInterval(function () {
        var cy = cyOf("affiliation");
        if (!cy) { return; }
        clearInterval(watch);
        cy.on("add", "node", function (event) { squeeze(event.target); });
        cy.on("data", "node.discourse", function (event) { squeeze(event.target); });
        if (cy.nodes().length && narrow()) {
            cy.nodes().forEach(squeeze);
            cy.emit("layoutstop");  // fit again (redes-graph.js fits a picture on layoutstop)
        }
    }, 300);
})();
