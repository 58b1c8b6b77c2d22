/* Redes, browser side: what Dash's own controls do not tell the page: Enter commits the
 * slider's typed year, and the table view's <details> reports its open state.
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

    // Dash does not hear a <details> open or close: tell it when the table view does.
    document.addEventListener("toggle", function (event) {
        if (event.target && event.target.id === "tables-box") {
            window.dash_clientside.set_props("tables-open", {data: event.target.open});
        }
    }, true);
})();
