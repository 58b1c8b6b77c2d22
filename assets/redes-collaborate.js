/* Redes, browser side: "Who can introduce us?" says at once that a new answer is coming.
 *
 * A click on a suggestion's button hides the answer on screen (#co-paths), which is about
 * another organisation, and writes under the button the text it carries (data-pending,
 * in the page's language: "Looking for who can introduce you to …") until the server's
 * answer for that organisation is drawn there (it names its organisation in data-target).
 * Under load that answer can take seconds; the old one must not pass for it meanwhile.
 * A button with data-scroll-to ("See the ways in on the network") brings that element
 * into view.
 */
(function () {
    "use strict";
    var ANSWER = "co-paths";  // components.ids.ID.CO_PATHS
    var NOTE = "co-pending";
    var hidden = null;  // {el, target}: the old answer, hidden until another is drawn

    function notes() { return document.querySelectorAll("." + NOTE); }

    function restore() {
        if (hidden) { hidden.el.style.display = ""; hidden = null; }
    }

    document.addEventListener("click", function (event) {
        var button = event.target && event.target.closest && event.target.closest("button");
        if (!button) { return; }
        var to = button.getAttribute("data-scroll-to");
        if (to) {
            var there = document.getElementById(to);
            if (there) { there.scrollIntoView({block: "center", behavior: "smooth"}); }
            return;
        }
        var pending = button.getAttribute("data-pending");
        if (!pending || !button.id) { return; }
        var actor;
        try { actor = JSON.parse(button.id).actor; } catch (e) { return; }
        var old = document.getElementById(ANSWER);
        if (old && old.getAttribute("data-target") === actor) { return; }  // already shown
        restore();
        notes().forEach(function (note) { note.remove(); });
        if (old) {
            hidden = {el: old, target: old.getAttribute("data-target")};
            old.style.display = "none";
        }
        var note = document.createElement("p");
        note.className = NOTE + " notice";
        note.setAttribute("role", "status");
        note.setAttribute("data-target", actor);
        note.textContent = pending;
        button.parentNode.appendChild(note);  // where the answer will be drawn
    }, true);

    // The answer drawn (a new element, or the old one given a new organisation): the note
    // goes, and an element hidden above shows again if Dash reused it for the new answer.
    new MutationObserver(function () {
        if (hidden && (!hidden.el.isConnected
                       || hidden.el.getAttribute("data-target") !== hidden.target)) {
            restore();
        }
        var answer = document.getElementById(ANSWER);
        var drawn = answer && answer.style.display !== "none"
            && answer.getAttribute("data-target");
        notes().forEach(function (note) {
            if (drawn && note.getAttribute("data-target") === drawn) { note.remove(); }
        });
    }).observe(document.documentElement, {subtree: true, childList: true, attributes: true,
                                          attributeFilter: ["data-target"]});
})();
