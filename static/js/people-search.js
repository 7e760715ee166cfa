// The people search (choosing several people among thousands: poll invitees, series participants):
// search-as-you-type on the server by name, school or role (people:people_search), "everyone of
// this school / role" shortcuts, the chosen people as removable chips. (One owner among a few
// hundred is core.widgets.PeoplePicker, static/js/people-picker.js, which narrows a select.)
// It enhances a field of checkboxes (the page's list without JavaScript) or a multiple select:
// <div data-people-search data-name="invitees" data-list="field id" data-search-url="…"> around the
// field; the checkboxes or the select are replaced by the search, and each chosen person is sent
// as a hidden input of the same name.
(function () {
  "use strict";

  function make(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function setUp(root, index) {
    var name = root.getAttribute("data-name");
    var url = root.getAttribute("data-search-url");
    var list = document.getElementById(root.getAttribute("data-list"));
    if (!name || !url || !list) { return; }
    var chosen = new Map();
    if (list.tagName === "SELECT") {
      Array.prototype.forEach.call(list.selectedOptions, function (option) { chosen.set(option.value, option.textContent.trim()); });
    } else {
      list.querySelectorAll('input[type="checkbox"]').forEach(function (box) {
        if (box.checked) { chosen.set(box.value, box.closest("label").textContent.trim()); }
      });
    }

    var prefix = "picker-" + index;
    var box = make("div", { "class": "picker" });
    var label = make("label", { "for": prefix + "-search" }, "Add people: type a name, a school or a role");
    var input = make("input", {
      type: "search", id: prefix + "-search", autocomplete: "off", role: "combobox",
      "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": prefix + "-results",
      "aria-describedby": prefix + "-status"
    });
    var results = make("ul", { id: prefix + "-results", role: "listbox", "class": "picker-results", "aria-label": "People found" });
    results.hidden = true;
    var status = make("p", { id: prefix + "-status", "class": "muted", "aria-live": "polite" });
    var chipsLabel = make("p", { id: prefix + "-chosen", "class": "picker-chosen-label" });
    var chips = make("ul", { "class": "chips", "aria-labelledby": prefix + "-chosen" });
    box.append(label, input, status, results, chipsLabel, chips);
    document.querySelectorAll('label[for="' + list.id + '"]').forEach(function (fieldLabel) {
      fieldLabel.setAttribute("for", input.id);
    });
    list.replaceWith(box);

    var options = [];
    var active = -1;
    var asked = 0;
    var timer = null;

    function renderChips() {
      chips.textContent = "";
      chosen.forEach(function (text, id) {
        var chip = make("li", { "class": "chip" });
        var hidden = make("input", { type: "hidden", name: name, value: id });
        var remove = make("button", { type: "button", "class": "chip-remove", "aria-label": "Remove " + text }, "×");
        remove.addEventListener("click", function () {
          chosen.delete(id);
          renderChips();
          status.textContent = "Removed " + text + ".";
          input.focus();
        });
        chip.append(hidden, make("span", {}, text), remove);
        chips.append(chip);
      });
      chipsLabel.textContent = chosen.size ? chosen.size + " chosen:" : "Nobody chosen yet.";
    }

    function close() {
      results.hidden = true;
      results.textContent = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      options = [];
      active = -1;
    }

    function highlight(next) {
      if (!options.length) { return; }
      active = (next + options.length) % options.length;
      options.forEach(function (option, i) { option.node.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", options[active].node.id);
      options[active].node.scrollIntoView({ block: "nearest" });
    }

    function add(people) {
      var added = [];
      people.forEach(function (person) {
        var id = String(person.id);
        if (!chosen.has(id)) { chosen.set(id, person.label); added.push(person.label); }
      });
      renderChips();
      status.textContent = added.length === 1 ? "Added " + added[0] + "." : "Added " + added.length + " people.";
    }

    function choose(option) {
      if (option.group) {
        fetch(url + "?" + option.group.kind + "=" + option.group.id, { credentials: "same-origin" })
          .then(function (response) { return response.json(); })
          .then(function (data) { add(data.people); });
      } else {
        add([option.person]);
      }
      input.value = "";
      close();
      input.focus();
    }

    function show(data) {
      close();
      var n = 0;
      (data.groups || []).forEach(function (group) {
        options.push({ group: group, text: group.label + " (" + group.count + (group.count === 1 ? " person)" : " people)") });
      });
      data.people.forEach(function (person) {
        options.push({ person: person, text: person.label + (chosen.has(String(person.id)) ? " (chosen)" : "") });
      });
      options.forEach(function (option) {
        var node = make("li", { id: prefix + "-option-" + n, role: "option", "aria-selected": "false" }, option.text);
        n += 1;
        node.addEventListener("mousedown", function (event) { event.preventDefault(); });
        node.addEventListener("click", function () { choose(option); });
        option.node = node;
        results.append(node);
      });
      if (options.length) {
        results.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
      status.textContent = data.people.length ? data.people.length + " found; arrow keys to move, Enter to add." : "Nobody found.";
    }

    function search() {
      var text = input.value.trim();
      if (!text) { close(); status.textContent = ""; return; }
      var mine = ++asked;
      fetch(url + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) { if (mine === asked) { show(data); } });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Enter") {
        event.preventDefault();  // never submits the whole form from the search box
        if (active >= 0) { choose(options[active]); }
      } else if (event.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
    renderChips();
  }

  document.querySelectorAll("[data-people-search]").forEach(setUp);
})();
