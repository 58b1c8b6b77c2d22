/* Redes, browser side: what Dash's own controls do not do: Enter commits the slider's typed
 * year, a letter typed in an open dropdown searches, and the table view's <details> reports
 * its open state.
 */
(function () {
    "use strict";

    // The slider's year box takes a typed year only when it loses focus (Dash's slider):
    // Enter commits it too, and the box keeps the focus.
    document.addEventListener("keydown", function (event) {
        var box = event.target;
        if (event.key !== "Enter" || !box || box.tagName !== "INPUT"
            || !box.closest(".dash-slider-container")) { return; }
        box.blur();
        box.focus();
    }, true);

    // An open dropdown puts the focus on the chosen option, so typing searched nothing and
    // Enter unticked the choice ("My organisation" emptied itself): a letter typed there goes
    // to the dropdown's search box instead (focus moved during keydown takes the character).
    document.addEventListener("keydown", function (event) {
        var option = event.target;
        // (not Space: it ticks the option, the keyboard's way to choose one)
        if (event.key.length !== 1 || event.key === " " || event.ctrlKey || event.metaKey
            || event.altKey
            || !option || !option.classList
            || !option.classList.contains("dash-options-list-option-checkbox")) { return; }
        var box = option.closest(".dash-dropdown-content");
        var search = box && box.querySelector(".dash-dropdown-search-container input");
        if (search) { search.focus(); }
    }, true);

    // Dash does not hear a <details> open or close: tell it when the table view does.
    document.addEventListener("toggle", function (event) {
        if (event.target && event.target.id === "tables-box") {
            window.dash_clientside.set_props("tables-open", {data: event.target.open});
        }
    }, true);
})();
