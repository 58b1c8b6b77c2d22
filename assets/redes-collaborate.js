/* Redes, browser side: "Who can introduce us?" says at once that a new answer is coming.
 *
 * A click on a suggestion's button hides the answer on screen (#co-paths), which is about
 * another organisation, and writes under the button the text it carries (data-pending,
 * in the page's language: "Looking for who can introduce you to …") until the server's
 * answer for that organisation is drawn (it names its organisation in data-target).
 * Under load that answer can take seconds, and Dash may redraw the panel meanwhile: the
 * old answer must not pass for the new one, the note stays, and when the answer comes it
 * is brought into view and focused, however long it took (up to a minute: then the note
 * goes and the previous answer comes back).
 * A button with data-scroll-to ("See the ways in on the network") brings that element
 * into view.
 */
(function () {
    "use strict";
    var ANSWER = "co-paths";  // components.ids.ID.CO_PATHS
    var PANEL = "collab-panel";  // components.ids.ID.COLLAB_PANEL
    var NOTE = "co-pending";
    var asked = null;  // {actor, button: its id, text}: the answer on its way
    // an answer that never comes (a refused or failed request) stops being awaited: the
    // note goes and the previous answer comes back
    var GIVE_UP_MS = window.REDES_GIVE_UP_MS || 60000;  // tests shorten it

    function notes() { return document.querySelectorAll("." + NOTE); }

    function arrived(answer) {
        asked = null;
        notes().forEach(function (note) { note.remove(); });
        answer.style.display = "";
        // in view and focused, unless the user has gone on to something outside the panel
        var active = document.activeElement;
        var panel = document.getElementById(PANEL);
        if (active && active !== document.body && !(panel && panel.contains(active))) {
            return;
        }
        var box = answer.getBoundingClientRect();
        if (box.top < 0 || box.top > window.innerHeight * 0.6) {
            answer.scrollIntoView({block: "start"});
        }
        answer.focus({preventScroll: true});
    }

    function update() {
        if (!asked) { return; }
        var answer = document.getElementById(ANSWER);
        if (answer && answer.getAttribute("data-target") === asked.actor) {
            arrived(answer);
            return;
        }
        if (answer && answer.style.display !== "none") { answer.style.display = "none"; }
        var note = document.querySelector("." + NOTE);
        if (note && note.isConnected) { return; }
        var button = document.getElementById(asked.button);
        if (!button) {  // the list changed under us (another year, other filters)
            asked = null;
            if (answer) { answer.style.display = ""; }
            return;
        }
        note = document.createElement("p");
        note.className = NOTE + " notice";
        note.setAttribute("role", "status");
        note.textContent = asked.text;
        button.parentNode.appendChild(note);  // where the answer will be drawn
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
        var shown = document.getElementById(ANSWER);
        if (shown && shown.getAttribute("data-target") === actor) { return; }  // already
        notes().forEach(function (note) { note.remove(); });
        var mine = asked = {actor: actor, button: button.id, text: pending};
        update();
        window.setTimeout(function () {
            if (asked !== mine) { return; }
            asked = null;
            notes().forEach(function (note) { note.remove(); });
            var answer = document.getElementById(ANSWER);
            if (answer) { answer.style.display = ""; }
        }, GIVE_UP_MS);
    }, true);

    new MutationObserver(update).observe(document.documentElement, {
        subtree: true, childList: true, attributes: true, attributeFilter: ["data-target"]});
})();
