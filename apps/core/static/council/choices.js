// Choices that make sense: on a register's form, selects marked data-council-choices show only the
// options of the council chosen in the form, and a term only when it covers the record's date
// (apps/core/admin_choices.py). The server checks the same on saving.
(function () {
  "use strict";

  function isoDate(text) {
    var m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text || "");
    if (m) { return m[3] + "-" + ("0" + m[2]).slice(-2) + "-" + ("0" + m[1]).slice(-2); }
    m = /^\s*(\d{4}-\d{2}-\d{2})\s*$/.exec(text || "");
    return m ? m[1] : "";
  }

  function recordDate(form) {
    var names = ["start_date", "date", "asked_date", "adopted_date", "fieldwork_start", "held_date", "received_date"];
    for (var i = 0; i < names.length; i++) {
      var input = form.querySelector("input[name='" + names[i] + "']");
      if (input) { return isoDate(input.value); }
    }
    return "";
  }

  function councilOf(form) {
    var field = form.querySelector("[name='council']");
    return field ? field.value : "";
  }

  function refresh(form) {
    var council = councilOf(form), day = recordDate(form);
    form.querySelectorAll("select[data-council-choices]").forEach(function (select) {
      select.querySelectorAll("option[data-council]").forEach(function (option) {
        var fits = !council || option.getAttribute("data-council") === council;
        var start = option.getAttribute("data-start"), end = option.getAttribute("data-end");
        if (fits && day && ((start && day < start) || (end && day > end))) { fits = false; }
        option.hidden = !fits;
        option.disabled = !fits;
        if (!fits && option.selected) { select.value = ""; }
      });
      var shown = select.querySelectorAll("option[data-council]:not([hidden])");
      if (select.required && !select.value && shown.length === 1) { select.value = shown[0].value; }
    });
  }

  function watch(form) {
    var handler = function (event) {
      var name = event.target && event.target.name;
      if (name === "council" || /date|fieldwork_start/.test(name || "")) { refresh(form); }
    };
    form.addEventListener("change", handler);
    form.addEventListener("input", handler);
    // The council may be an autocomplete (select2), which announces changes through jQuery only.
    if (window.django && window.django.jQuery) {
      window.django.jQuery(form).on("change", "[name='council']", function () { refresh(form); });
    }
    refresh(form);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form").forEach(function (form) {
      if (form.querySelector("select[data-council-choices]")) { watch(form); }
    });
  });
})();
