// Choices that make sense (apps/core/admin_choices.py). On a register's form:
// - selects marked data-council-choices show only the options of the council chosen in the form, and a
//   term only when it covers the record's date;
// - autocompletes marked data-council-forward send the form's council (or, on a form without a council
//   field, the record's council in data-council) and the record's date with each search, so that the
//   answer holds only that council's options; choosing another council empties them.
// - on a form without a council field (an agenda item, a commitment, a follow-up: the council is a parent
//   record's), choices marked data-parent-field follow the parent chosen in the form: its id goes with each
//   search (the server answers with that parent's council, if the user may change the parent), and plain
//   selects show only the options of its council (known from the parent's search answer or option).
// The server checks the same on saving.
(function () {
  "use strict";

  var DATE_FIELDS = ["start_date", "date", "asked_date", "adopted_date", "fieldwork_start", "held_date", "received_date"];

  function isoDate(text) {
    var m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text || "");
    if (m) { return m[3] + "-" + ("0" + m[2]).slice(-2) + "-" + ("0" + m[1]).slice(-2); }
    m = /^\s*(\d{4}-\d{2}-\d{2})\s*$/.exec(text || "");
    return m ? m[1] : "";
  }

  function recordDate(form) {
    for (var i = 0; i < DATE_FIELDS.length; i++) {
      var input = form.querySelector("input[name='" + DATE_FIELDS[i] + "']");
      if (input) { return isoDate(input.value); }
    }
    return "";
  }

  function councilOf(form) {
    var field = form.querySelector("[name='council']");
    return field ? field.value : "";
  }

  // The parent's field of a form without a council field (e.g. "sitting" on an agenda item), or null.
  function parentField(form) {
    if (form.querySelector("[name='council']")) { return null; }
    var marked = form.querySelector("[data-parent-field]");
    var name = marked && marked.getAttribute("data-parent-field");
    return name ? form.querySelector("[name='" + name + "']") : null;
  }

  // The council of the parent chosen in the form: its option's data-council (a plain select), or the council
  // given with the search answer chosen (an autocomplete); "" when not known.
  function parentCouncilOf(field) {
    if (!field || !field.value) { return ""; }
    var option = field.selectedOptions && field.selectedOptions[0];
    if (option && option.getAttribute("data-council")) { return option.getAttribute("data-council"); }
    var $ = window.django && window.django.jQuery;
    if ($ && $(field).data("select2")) {
      var chosen = $(field).select2("data")[0];
      if (chosen && chosen.council) { return String(chosen.council); }
    }
    return "";
  }

  function refresh(form) {
    var council = councilOf(form) || form.getAttribute("data-parent-council") || "", day = recordDate(form);
    var parent = parentField(form);
    form.querySelectorAll("select[data-council-choices]").forEach(function (select) {
      if (select === parent) { return; }
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

  // Another council chosen: what was chosen in the searches belonged to the previous one.
  function emptySearches(form) {
    var $ = window.django && window.django.jQuery;
    var parent = parentField(form);
    form.querySelectorAll("select[data-council-forward]").forEach(function (select) {
      if (select === parent || select.name.indexOf("__prefix__") !== -1 || !select.value) { return; }
      if ($) { $(select).val(null).trigger("change"); } else { select.value = ""; }
    });
  }

  function watch(form) {
    var council = councilOf(form);
    var councilChanged = function () {
      if (councilOf(form) === council) { return; }
      council = councilOf(form);
      emptySearches(form);
      refresh(form);
    };
    // Another parent chosen (no council field): once its council is known and differs, as for a council.
    var parent = parentField(form), parentValue = parent ? parent.value : "";
    var shownWith = form.querySelector("select[data-council-forward][data-council]");
    var known = shownWith ? shownWith.getAttribute("data-council") : "";
    var parentChanged = function () {
      if (!parent || parent.value === parentValue) { return; }
      parentValue = parent.value;
      var parentCouncil = parentCouncilOf(parent);
      form.setAttribute("data-parent-council", parentCouncil);
      if (parentCouncil && parentCouncil !== known) {
        known = parentCouncil;
        emptySearches(form);
      }
      refresh(form);
    };
    var handler = function (event) {
      var name = event.target && event.target.name;
      if (name === "council") { councilChanged(); }
      if (parent && name === parent.name) { parentChanged(); }
      if (/date|fieldwork_start/.test(name || "")) { refresh(form); }
    };
    form.addEventListener("change", handler);
    form.addEventListener("input", handler);
    // The council may be an autocomplete (select2), which announces changes through jQuery only.
    if (window.django && window.django.jQuery) {
      window.django.jQuery(form).on("change", "[name='council']", councilChanged);
      if (parent) { window.django.jQuery(parent).on("change", parentChanged); }
    }
    refresh(form);
  }

  // Each search of a marked autocomplete carries the council and date of its form, and the parent chosen in a
  // form without a council field (the server prefers the parent's council when the user may change it).
  function forwardSearches($) {
    $.ajaxPrefilter(function (options, original) {
      var data = original && original.data;
      if (!data || typeof data !== "object" || !data.field_name || !data.model_name) { return; }
      var select = document.querySelector("select[data-council-forward][data-model-name='" + data.model_name +
        "'][data-field-name='" + data.field_name + "']");
      var form = select && select.closest("form");
      if (!form) { return; }
      var council = councilOf(form) || select.getAttribute("data-council") || "";
      var extra = "council=" + encodeURIComponent(council) + "&date=" + encodeURIComponent(recordDate(form));
      var parent = select.hasAttribute("data-parent-field") ? parentField(form) : null;
      if (parent && parent.value) { extra += "&parent=" + encodeURIComponent(parent.value); }
      options.data = options.data ? options.data + "&" + extra : extra;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (window.django && window.django.jQuery) { forwardSearches(window.django.jQuery); }
    document.querySelectorAll("form").forEach(function (form) {
      if (form.querySelector("select[data-council-choices], select[data-council-forward]")) { watch(form); }
    });
  });
})();
