/* Redes, browser side: accessibility repairs of Dash 4's own markup (roles and names of
 * checklists, radio items, dropdowns and sliders), kept in step as React re-renders.
 */
(function () {
    "use strict";

    // Accessibility repairs of Dash 4's own markup, kept in step as React re-renders:
    // - checklists and radio items are drawn as role=listbox with role=option labels around
    //   real inputs (interactive controls nested in interactive controls): the native
    //   checkboxes and radios are what assistive technology should meet, so the roles go and
    //   the group takes its name from its fieldset's legend or an aria-label;
    // - the slider's number box and thumb get the slider's name.
    function named(el) {
        if (el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")) { return; }
        var legend = el.closest("fieldset") && el.closest("fieldset").querySelector("legend");
        var label = el.dataset.redesLabel || (legend && legend.textContent.trim()) || el.id;
        if (label) { el.setAttribute("aria-label", label); el.setAttribute("data-redes-named", "1"); }
    }
    var NAMES_BY_LANG = {
        en: {"year": "Year", "lang": "Language", "panel": "Panel", "view": "View"},
        es: {"year": "Año", "lang": "Idioma", "panel": "Panel", "view": "Vista"}
    };
    var NAMES = NAMES_BY_LANG.en;
    function repair() {
        var lang = document.documentElement.lang === "es" ? "es" : "en";
        if (NAMES !== NAMES_BY_LANG[lang]) {  // the language changed: rename what we named
            NAMES = NAMES_BY_LANG[lang];
            document.querySelectorAll("[data-redes-named]").forEach(function (el) {
                el.removeAttribute("aria-label");
                el.removeAttribute("data-redes-named");
            });
        }
        document.querySelectorAll(".dash-checklist, .dash-radioitems").forEach(function (list) {
            if (list.getAttribute("role") === "listbox") { list.setAttribute("role", "group"); }
            if (NAMES[list.id]) { list.dataset.redesLabel = NAMES[list.id]; }
            named(list);
            list.querySelectorAll("[role=option], [aria-selected]").forEach(function (option) {
                option.removeAttribute("role");
                option.removeAttribute("aria-selected");
            });
        });
        // A dropdown is reached through a focusable input marked aria-hidden: unhide it and
        // give it the dropdown's name (its fieldset's legend or its <label for>).
        document.querySelectorAll(".dash-dropdown-focus-target[aria-hidden]").forEach(function (input) {
            var button = input.parentElement.querySelector("button.dash-dropdown");
            var label = button && document.querySelector("label[for='" + button.id + "']");
            var legend = input.closest("fieldset") && input.closest("fieldset").querySelector("legend");
            input.removeAttribute("aria-hidden");
            input.setAttribute("aria-label", ((label || legend || {}).textContent || "").trim()
                               || (button && button.id) || "");
        });
        document.querySelectorAll(".dash-slider-container").forEach(function (box) {
            var label = NAMES[box.id] || (document.querySelector("label[for='" + box.id + "']") || {}).textContent
                || box.id;
            box.querySelectorAll("input, [role=slider]").forEach(function (control) {
                if (!control.getAttribute("aria-label")) {
                    control.setAttribute("aria-label", label);
                    control.setAttribute("data-redes-named", "1");
                }
            });
        });
    }
    var pending = false;
    new MutationObserver(function () {
        if (pending) { return; }
        pending = true;
        requestAnimationFrame(function () { pending = false; repair(); });
    }).observe(document.documentElement, {subtree: true, childList: true, attributes: true,
                                          attributeFilter: ["role", "aria-hidden", "aria-selected", "lang"]});
})();
