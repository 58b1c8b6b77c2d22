/* Redes, browser side: presenter mode. Keys that press its buttons, full screen on entering
 * and leaving, the clientside callbacks step (next, previous and start in the browser) and
 * openScene (a presenter link opens its scene's own view), and saving the picture.
 */
(function () {
    "use strict";

    // Presenter mode: arrow keys, Page Up / Page Down (what presentation clickers send), Space
    // and Escape press the on-screen buttons, so the keyboard and the mouse do the same thing.
    var KEYS = {ArrowRight: "scene-next", PageDown: "scene-next", ArrowLeft: "scene-prev",
                PageUp: "scene-prev", Escape: "present-exit"};
    document.addEventListener("keydown", function (event) {
        var app = document.getElementById("app");
        var target = event.target;
        // Space (Shift+Space back), as in slide shows, when it has nothing else to press: on
        // a focused button or link it presses that, as everywhere
        var id = KEYS[event.key];
        if (event.key === " " && !(target && target.closest
                                   && target.closest("button, a, input, textarea, select, "
                                                     + "[role=button], [contenteditable]"))) {
            id = event.shiftKey ? "scene-prev" : "scene-next";
        }
        if (!app || !app.classList.contains("presenting") || !id) { return; }
        if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) { return; }
        var button = document.getElementById(id);
        if (!button || button.disabled) { return; }
        event.preventDefault();
        if (event.key === "Escape") {
            // stop the years at once: a tick in flight would otherwise carry on playing them
            // in the normal view after leaving
            window.dash_clientside.set_props("timer", {disabled: true});
        }
        button.click();
    });

    // Presenter mode asks for the real full screen (a click is the gesture browsers need);
    // leaving it leaves full screen, and the browser's own Escape out of full screen (which
    // the page never hears as a key) leaves presenter mode too.
    document.addEventListener("click", function (event) {
        var button = event.target && event.target.closest && event.target.closest("button");
        if (!button) { return; }
        var root = document.documentElement;
        if (button.classList.contains("present-save")) {
            // Save picture (PNG): the explorer's own export (redes-picture.js draws the
            // caption block), whose button is hidden while presenting
            var save = document.getElementById("export-png");
            if (save) { save.click(); }
            return;
        }
        if (button.id === "present-start" && !document.fullscreenElement && root.requestFullscreen) {
            root.requestFullscreen().catch(function () { /* refused: present in the window */ });
        } else if (button.id === "present-exit" && document.fullscreenElement && document.exitFullscreen) {
            document.exitFullscreen().catch(function () { /* already out */ });
        }
    }, true);
    document.addEventListener("fullscreenchange", function () {
        var app = document.getElementById("app");
        var exit = document.getElementById("present-exit");
        if (!document.fullscreenElement && app && app.classList.contains("presenting") && exit) {
            window.dash_clientside.set_props("timer", {disabled: true});
            exit.click();
        }
    });

    // write only the controls that change: writing a control's own value again fires
    // everything that listens to it (the language relabels the whole page)
    function same(a, b) {
        if (Array.isArray(a) && Array.isArray(b)) {
            return JSON.stringify(a.map(String).sort()) === JSON.stringify(b.map(String).sort());
        }
        return JSON.stringify(a) === JSON.stringify(b);
    }

    // A presenter link names its scene (present=1&scene=N): on opening, the view is that
    // scene's own (year, filters, actor, colour), whatever else the link says or leaves out
    // (a shortened link ?present=1&scene=10 showed the caption over the whole network).
    var opened = false;

    function withoutLang(search) {
        var q = new URLSearchParams(search || "");
        q.delete("lang");
        var keys = [];
        q.forEach(function (v, k) { keys.push(k + "=" + v); });
        return keys.sort().join("&");
    }

    var dc = window.dash_clientside = window.dash_clientside || {};
    dc.redes = Object.assign(dc.redes || {}, {
        /* The page opened on a presenter link: show the scene it names as a step would. */
        openScene: function (steps, search) {
            var now = Array.prototype.slice.call(arguments, 2);  // the controls' values
            var none = window.dash_clientside.no_update;
            var count = (steps && steps.controls) || 0;
            var idle = [none];
            for (var i = 0; i < count; i++) { idle.push(none); }
            var scenes = (steps && steps.scenes) || [];
            if (opened || !steps) { return idle; }
            opened = true;
            var link = new URLSearchParams(search || "");
            var at = parseInt(link.get("scene"), 10);
            var presenting = ["1", "true"].indexOf(link.get("present")) >= 0;
            if (!presenting || isNaN(at) || at < 0 || at >= scenes.length) { return idle; }
            var target = new URLSearchParams(scenes[at].search);
            if (link.get("lang")) { target.set("lang", link.get("lang")); } else { target.delete("lang"); }
            if (withoutLang(target.toString()) === withoutLang(search)) { return idle; }
            // the same scene index as the link's: the server sees no new scene to fit, so
            // the painter fits the views drawn while the page opens (redes-graph.js)
            window.redesShared.fitUntil = Date.now() + 5000;
            return ["?" + target.toString()].concat(scenes[at].controls.map(function (v, k) {
                // the language stays as the page shows it (the link's, else the browser's)
                return k === 0 || same(v, now[k]) ? none : v;
            }));
        },

        /* Presenter: next, previous and start, without asking the server where to go.
         * `steps` holds each scene's link and control values (callbacks/present.py);
         * writing them draws the scene in one round trip. */
        step: function (prevClicks, nextClicks, startClicks, steps, scene, search) {
            var now = Array.prototype.slice.call(arguments, 6);  // the controls' values
            var none = window.dash_clientside.no_update;
            var scenes = (steps && steps.scenes) || [];
            var idle = [none];
            for (var i = 0; i < ((steps && steps.controls) || 0); i++) { idle.push(none); }
            idle.push(none);  // the view presenting starts from (kept for Escape)
            var trig = (window.dash_clientside.callback_context.triggered || [])[0];
            var which = trig ? trig.prop_id.split(".")[0] : "";
            if (!trig || !trig.value || !steps) { return idle; }
            if (!scenes.length) {
                // no scenes (an upload): present the view as it is; the controls follow
                // from the link (the view's callback, callbacks/render.py)
                var query = new URLSearchParams(search || "");
                query.set("present", "1");
                idle[0] = "?" + query.toString();
                idle[idle.length - 1] = search || "";
                return idle;
            }
            var last = scenes.length - 1;
            var at = (scene === null || scene === undefined) ? -1 : scene;
            var index = which === "scene-next" ? at + 1 : which === "scene-prev" ? at - 1 : 0;
            index = Math.min(Math.max(index, 0), last);
            if (which !== "present-start" && index === at) { return idle; }  // first or last
            var before = which === "present-start" ? (search || "") : none;
            return [scenes[index].search].concat(scenes[index].controls.map(function (v, k) {
                return same(v, now[k]) ? none : v;
            }), [before]);
        }
    });
})();
