/** The console script: no framework, no build step; it reads the JSON endpoints and listens to the event stream. Kept free of backticks and dollar-brace so it embeds verbatim. */
export const CONSOLE_JS = String.raw`(function () {
  "use strict";

  var API = "api/";
  var CONTROL = "../";
  var state = {
    overview: null,
    detail: null,
    messages: [],
    search: "",
    expanded: {},
    /** Per expanded user, what api/pools/<id>/users/<name> answered. */
    users: {},
    /** Per identity pool, its identities. */
    identities: {},
    /** Panels open for editing, by key: they survive re-renders. */
    editing: {},
    /** Two-step buttons waiting for their second click, key -> when they disarm (ms). */
    armed: {},
    outboxFilter: { text: "", poolId: "" },
    mint: { poolId: "", subject: "user", username: "", clientId: "", result: null, clients: null },
    decode: { token: "", result: null },
    route: { view: "home" },
  };
  var view = {};

  // ---- small helpers: every value reaches the page as text, never as markup ----
  function el(tag, props, children) {
    var node = document.createElement(tag);
    var late = {};
    if (props) {
      Object.keys(props).forEach(function (key) {
        var value = props[key];
        if (value === undefined || value === null || value === false) return;
        if (key === "class") node.className = value;
        else if (key === "text") node.textContent = value;
        else if (key.slice(0, 2) === "on") node.addEventListener(key.slice(2), value);
        else if (key === "value" || key === "checked") late[key] = value;
        else node.setAttribute(key, value === true ? "" : value);
      });
    }
    append(node, children);
    // After the children: a select's value needs its options. The defaults let a re-render tell typed input from data.
    if ("value" in late) {
      if (tag === "select") node.setAttribute("data-initial", late.value);
      else node.defaultValue = late.value;
      node.value = late.value;
    }
    if ("checked" in late) {
      node.defaultChecked = true;
      node.checked = true;
    }
    return node;
  }
  function append(node, children) {
    if (children === undefined || children === null) return;
    if (!Array.isArray(children)) children = [children];
    children.forEach(function (child) {
      if (child === undefined || child === null || child === false) return;
      if (Array.isArray(child)) return append(node, child);
      node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
    });
  }

  /**
   * Replaces a node's content from fresh data without losing what the tester is doing in it: values
   * typed into fields (those with data-keep), and which field has the focus and where its cursor is.
   */
  function replace(node, children) {
    var kept = {};
    node.querySelectorAll("[data-keep]").forEach(function (field) {
      var key = field.getAttribute("data-keep");
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked !== field.defaultChecked) kept[key] = { checked: field.checked };
      } else if (field.tagName === "SELECT") {
        if (field.value !== (field.getAttribute("data-initial") || "")) kept[key] = { value: field.value };
      } else if (field.value !== field.defaultValue) kept[key] = { value: field.value };
    });
    var active = document.activeElement;
    var focus = active && active !== document.body && node.contains(active) && active.getAttribute("data-keep");
    var selection = focus && typeof active.selectionStart === "number" ? [active.selectionStart, active.selectionEnd] : null;
    while (node.firstChild) node.removeChild(node.firstChild);
    append(node, children);
    node.querySelectorAll("[data-keep]").forEach(function (field) {
      var saved = kept[field.getAttribute("data-keep")];
      if (saved && "checked" in saved) field.checked = saved.checked;
      else if (saved) field.value = saved.value;
      if (focus && field.getAttribute("data-keep") === focus) {
        field.focus();
        if (selection) field.setSelectionRange(selection[0], selection[1]);
      }
    });
  }
  function code(text) {
    return el("code", { text: text });
  }
  function chips(values, cls) {
    if (!values || !values.length) return el("span", { class: "muted", text: "none" });
    return values.map(function (v) {
      return el("span", { class: "chip " + (cls || ""), text: v });
    });
  }
  function when(iso) {
    if (!iso) return "";
    var d = new Date(iso);
    return d.toLocaleDateString() + " " + d.toLocaleTimeString();
  }
  function time(iso) {
    return iso ? new Date(iso).toLocaleTimeString() : "";
  }
  function statusBadge(status) {
    return el("span", { class: "badge status-" + status.toLowerCase(), text: status });
  }
  function fact(label, value) {
    return el("div", { class: "fact" }, [el("dt", { text: label }), el("dd", {}, value)]);
  }
  function field(label, control, hint) {
    return el("label", { class: "field" }, [el("span", { text: label }), control, hint ? el("small", { class: "muted", text: hint }) : null]);
  }
  function enc(value) {
    return encodeURIComponent(value);
  }

  /** The emulator's clock, which /_emu/clock may have moved ahead of this machine's. */
  function emulatorNow() {
    return Date.now() + (state.overview ? state.overview.clockOffsetSeconds * 1000 : 0);
  }
  /** "3 min", "1 h 5 min", "2 d 4 h": the two largest units. */
  function duration(seconds) {
    seconds = Math.round(Math.abs(seconds));
    var parts = [];
    [["d", 86400], ["h", 3600], ["min", 60], ["s", 1]].forEach(function (unit) {
      if (parts.length >= 2 || seconds < unit[1]) return;
      parts.push(Math.floor(seconds / unit[1]) + " " + unit[0]);
      seconds %= unit[1];
    });
    return parts.length ? parts.join(" ") : "0 s";
  }
  function relative(iso) {
    var seconds = (new Date(iso).getTime() - emulatorNow()) / 1000;
    return seconds >= 0 ? "in " + duration(seconds) : duration(seconds) + " ago";
  }

  function api(method, path, body) {
    var init = { method: method, headers: {} };
    if (body !== undefined) {
      init.headers["content-type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (res) {
      return res.text().then(function (text) {
        var json = text ? JSON.parse(text) : {};
        if (!res.ok) throw new Error((json.__type ? json.__type + ": " : "") + (json.message || res.statusText));
        return json;
      });
    });
  }

  var toastTimer;
  function toast(message, kind) {
    var box = document.getElementById("toast");
    box.textContent = message;
    box.className = "toast show " + (kind || "");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () {
      box.className = "toast";
    }, kind === "error" ? 6000 : 2500);
  }
  /** Runs an action, says how it went, and refreshes what it changed (the event stream would too, a moment later). */
  function act(promise, done, after) {
    return promise.then(function (result) {
      if (done) toast(typeof done === "function" ? done(result) : done);
      if (after) after(result);
      refreshAfterAction();
      return result;
    }, function (error) {
      toast(error.message, "error");
      throw error;
    });
  }
  function refreshAfterAction() {
    loadOverview();
    loadPool();
    loadExpandedUsers();
    loadMessages();
  }

  // ---- clipboard ----
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // Plain http under a name other than localhost is no secure context: the old way still works there.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("The browser refused to copy"));
  }
  function copyButton(text, label, extraClass) {
    var button = el("button", {
      type: "button",
      class: "copy " + (extraClass || ""),
      text: label || "Copy",
      title: "Copy to the clipboard",
      onclick: function (event) {
        event.stopPropagation();
        copyText(text).then(function () {
          button.textContent = "Copied";
          button.classList.add("done");
          setTimeout(function () {
            button.textContent = label || "Copy";
            button.classList.remove("done");
          }, 1500);
        }, function (error) {
          toast(error.message, "error");
        });
      },
    });
    return button;
  }

  /**
   * A button that asks once more in place before it acts (delete, reset). Whether it is armed lives in
   * state, not in the button, so a re-render from a live update keeps it armed.
   */
  function confirmButton(key, label, armedLabel, run, cls) {
    var armed = (state.armed[key] || 0) > Date.now();
    var button = el("button", {
      type: "button",
      class: (cls || "danger") + (armed ? " armed" : ""),
      "data-confirm": key,
      text: armed ? armedLabel : label,
      onclick: function (event) {
        event.stopPropagation();
        if ((state.armed[key] || 0) <= Date.now()) {
          state.armed[key] = Date.now() + 4000;
          button.textContent = armedLabel;
          button.classList.add("armed");
          setTimeout(function () {
            if ((state.armed[key] || 0) > Date.now()) return;
            delete state.armed[key];
            document.querySelectorAll("[data-confirm]").forEach(function (b) {
              if (b.getAttribute("data-confirm") !== key) return;
              b.textContent = label;
              b.classList.remove("armed");
            });
          }, 4100);
          return;
        }
        delete state.armed[key];
        run();
      },
    });
    return button;
  }

  // ---- routing: #/pools/<id>/<tab>, #/identity-pools, #/outbox, #/tokens ----
  function parseRoute() {
    var parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
    if (parts[0] === "pools" && parts[1]) return { view: "pool", poolId: parts[1], tab: parts[2] || "users" };
    if (parts[0] === "identity-pools") return { view: "identity" };
    if (parts[0] === "outbox") return { view: "outbox" };
    if (parts[0] === "tokens") return { view: "tokens" };
    return { view: "home" };
  }
  function href(route) {
    if (route.view === "pool") return "#/pools/" + enc(route.poolId) + "/" + (route.tab || "users");
    if (route.view === "identity") return "#/identity-pools";
    if (route.view === "tokens") return "#/tokens";
    return "#/outbox";
  }

  // ---- data ----
  function loadOverview() {
    return api("GET", API + "overview").then(function (data) {
      state.overview = data;
      renderHeader();
      renderNav();
      if (state.route.view === "identity") {
        renderIdentity();
        loadIdentities();
      }
      if (state.route.view === "tokens") renderMint();
      if (state.route.view === "outbox") renderOutboxToolbar();
      if (state.route.view === "home" && data.userPools.length) location.replace(href({ view: "pool", poolId: data.userPools[0].Id }));
    });
  }
  function loadPool() {
    if (state.route.view !== "pool") return Promise.resolve();
    var poolId = state.route.poolId;
    return api("GET", API + "pools/" + enc(poolId) + "?q=" + enc(state.search))
      .then(function (data) {
        if (state.route.poolId !== poolId) return;
        state.detail = data;
        renderPool();
      })
      .catch(function (error) {
        state.detail = null;
        if (view.body) replace(view.body, el("p", { class: "empty", text: error.message }));
      });
  }
  function userKey(poolId, username) {
    return poolId + "/" + username;
  }
  function userPath(poolId, username) {
    return API + "pools/" + enc(poolId) + "/users/" + enc(username);
  }
  function loadUser(poolId, username) {
    var key = userKey(poolId, username);
    return api("GET", userPath(poolId, username)).then(function (data) {
      state.users[key] = data;
      if (state.route.view === "pool" && state.route.poolId === poolId && state.route.tab === "users") renderUsers();
    }, function () {
      delete state.users[key];
    });
  }
  function loadExpandedUsers() {
    if (state.route.view !== "pool") return;
    Object.keys(state.expanded).forEach(function (key) {
      if (!state.expanded[key]) return;
      var slash = key.indexOf("/");
      if (key.slice(0, slash) === state.route.poolId) loadUser(key.slice(0, slash), key.slice(slash + 1));
    });
  }
  function loadMessages() {
    return api("GET", CONTROL + "messages").then(function (data) {
      state.messages = data.messages;
      renderNav();
      if (state.route.view === "outbox") renderOutbox();
    });
  }
  function loadIdentities() {
    if (!state.overview) return;
    state.overview.identityPools.forEach(function (pool) {
      api("GET", API + "identity-pools/" + enc(pool.IdentityPoolId)).then(function (data) {
        state.identities[pool.IdentityPoolId] = data;
        if (state.route.view === "identity") renderIdentity();
      }, function () {
        delete state.identities[pool.IdentityPoolId];
      });
    });
  }
  function loadAll() {
    return Promise.all([loadOverview(), loadPool(), loadMessages()]).then(loadExpandedUsers).catch(function (error) {
      toast(error.message, "error");
    });
  }

  // ---- live updates: the server says which tables changed ----
  var POOL_TABLES = ["userPools", "userPoolClients", "groups", "users", "userPoolDomains", "authEvents"];
  var USER_TABLES = ["users", "refreshTokens", "revokedTokens", "softwareTokens", "messages", "authEvents"];
  function listen() {
    var live = document.getElementById("live");
    var source = new EventSource(API + "events");
    source.onopen = function () {
      live.className = "live on";
      live.textContent = "live";
      loadAll();
    };
    source.onerror = function () {
      live.className = "live off";
      live.textContent = "reconnecting";
    };
    source.addEventListener("change", function (event) {
      var tables = JSON.parse(event.data).tables;
      var touches = function (names) {
        return tables.some(function (t) {
          return names.indexOf(t) >= 0;
        });
      };
      if (touches(POOL_TABLES.concat(["identityPools", "identities", "messages", "meta"]))) loadOverview();
      if (touches(POOL_TABLES)) loadPool();
      if (touches(USER_TABLES)) loadExpandedUsers();
      if (touches(["messages"])) loadMessages();
    });
  }

  // ---- header: where, and the emulator's clock ----
  function renderHeader() {
    var o = state.overview;
    replace(view.endpoint, [code(o.url), el("span", { class: "muted", text: " · " + o.region + " · v" + o.version })]);
    renderClock();
  }
  function renderClock() {
    if (!state.overview) return;
    var offset = state.overview.clockOffsetSeconds;
    view.clockOffset.textContent = offset ? "clock +" + duration(offset) : "clock: real time";
    view.clockOffset.className = "clock-offset" + (offset ? " moved" : "");
    view.clockOffset.title = "Emulator time: " + new Date(emulatorNow()).toLocaleString() + (offset ? " (" + offset + " s ahead)" : "");
  }
  function advanceClock(seconds) {
    return act(api("POST", CONTROL + "clock", { advanceSeconds: seconds }), function (result) {
      return "Clock moved " + duration(seconds) + " on: now +" + duration(result.offsetSeconds);
    });
  }
  /** "90", "90s", "15m", "2h", "3d", "1h30m": seconds, or NaN. */
  function parseDuration(text) {
    var units = { s: 1, sec: 1, m: 60, min: 60, h: 3600, hr: 3600, d: 86400, day: 86400, days: 86400 };
    var trimmed = text.trim().toLowerCase().replace(/\s+/g, "");
    if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
    var total = 0;
    var rest = trimmed.replace(/(\d+(?:\.\d+)?)([a-z]+)/g, function (_all, n, unit) {
      if (!units[unit]) return "!";
      total += Number(n) * units[unit];
      return "";
    });
    return rest === "" && trimmed !== "" ? total : NaN;
  }
  function buildClock() {
    var custom = el("input", { id: "clock-custom", class: "clock-input", placeholder: "90s, 2h, 3d", "aria-label": "Advance the clock by", autocomplete: "off" });
    var advanceBy = function (event) {
      event.preventDefault();
      var seconds = parseDuration(custom.value);
      if (!(seconds > 0)) return toast("Give a duration such as 90s, 15m, 2h or 3d", "error");
      advanceClock(seconds).then(function () {
        custom.value = "";
      });
    };
    view.clockOffset = el("span", { id: "clock-offset", class: "clock-offset", text: "clock" });
    replace(view.clock, [
      view.clockOffset,
      [["+1 min", 60], ["+1 h", 3600], ["+1 day", 86400]].map(function (step) {
        return el("button", { type: "button", class: "clock-step", "data-seconds": String(step[1]), text: step[0], onclick: function () {
          advanceClock(step[1]);
        } });
      }),
      el("form", { class: "clock-form", onsubmit: advanceBy }, [custom, el("button", { type: "submit", class: "clock-step", text: "Advance" })]),
    ]);
  }

  // ---- side bar ----
  function navLink(label, count, route, active, id) {
    return el("a", { href: href(route), id: id, class: "nav-link" + (active ? " active" : "") }, [
      el("span", { class: "nav-label", text: label }),
      count === undefined ? null : el("span", { class: "count", text: String(count) }),
    ]);
  }
  function renderNav() {
    if (!state.overview) return;
    var r = state.route;
    var pools = state.overview.userPools.map(function (p) {
      return el("a", { href: href({ view: "pool", poolId: p.Id }), class: "nav-link pool" + (r.view === "pool" && r.poolId === p.Id ? " active" : "") }, [
        el("span", { class: "nav-label" }, [el("strong", { text: p.Name }), el("small", { text: p.Id })]),
        el("span", { class: "count", title: "users", text: String(p.users) }),
      ]);
    });
    replace(view.nav, [
      el("h2", { text: "User pools" }),
      pools.length ? pools : el("p", { class: "muted small", text: "No user pools yet." }),
      el("h2", { text: "Identity pools" }),
      navLink("Identity pools", state.overview.identityPools.length, { view: "identity" }, r.view === "identity"),
      el("h2", { text: "Testing" }),
      navLink("Outbox", state.messages.length, { view: "outbox" }, r.view === "outbox"),
      navLink("Tokens: mint and decode", undefined, { view: "tokens" }, r.view === "tokens", "nav-tokens"),
      el("h2", { text: "Emulator" }),
      el("div", { class: "side-actions" }, [
        el("a", { class: "button side-button", id: "download-state", href: CONTROL + "state", download: "cognito-emu-state.json", text: "Download state" }),
        confirmButton("reset", "Reset to fixtures", "Really reset?", function () {
          act(api("POST", CONTROL + "reset"), "Back to the fixtures: users, messages and clock as they started");
        }, "side-button danger"),
      ]),
    ]);
  }

  function showRoute() {
    state.route = parseRoute();
    state.detail = null;
    renderNav();
    var r = state.route;
    if (r.view === "pool") buildPoolView();
    else if (r.view === "identity") {
      replace(view.main, [el("h1", { text: "Identity pools" }), (view.body = el("div"))]);
      renderIdentity();
      loadIdentities();
    } else if (r.view === "outbox") {
      view.outboxToolbar = el("div", { class: "toolbar" });
      replace(view.main, [
        el("h1", { text: "Outbox" }),
        el("p", { class: "lead", text: "Every email and SMS the emulator would have sent: verification codes, invitations, temporary passwords. Newest first." }),
        view.outboxToolbar,
        (view.body = el("div")),
      ]);
      renderOutboxToolbar();
      renderOutbox();
    } else if (r.view === "tokens") {
      view.mint = el("section", { class: "card", id: "mint" });
      view.decode = el("section", { class: "card", id: "decode" });
      view.body = null;
      replace(view.main, [
        el("h1", { text: "Tokens" }),
        el("p", { class: "lead", text: "Mint tokens without a sign-in (POST /_emu/tokens), and read any token: its claims, whether a pool's key signed it, and what the emulator would answer to it." }),
        el("div", { class: "token-tools" }, [view.mint, view.decode]),
      ]);
      renderMint();
      renderDecode();
    } else {
      replace(view.main, el("p", { class: "empty", text: "No user pools. Create one with the AWS API or a fixture file." }));
    }
    loadAll();
  }

  // ---- a user pool ----
  function buildPoolView() {
    var r = state.route;
    var tabs = [
      ["users", "Users"],
      ["clients", "App clients"],
      ["groups", "Groups"],
    ].map(function (t) {
      return el("a", { href: href({ view: "pool", poolId: r.poolId, tab: t[0] }), class: "tab" + (r.tab === t[0] ? " active" : ""), text: t[1] });
    });
    view.poolHead = el("div", { class: "pool-head" }, el("h1", { text: r.poolId }));
    view.body = el("div");
    var toolbar = null;
    if (r.tab === "users") {
      view.form = userForm();
      view.search = el("input", {
        type: "search",
        class: "search",
        placeholder: "Search username, sub or attribute",
        "aria-label": "Search users",
        value: state.search,
        oninput: function () {
          state.search = view.search.value;
          loadPool();
        },
      });
      toolbar = el("div", { class: "toolbar" }, [
        el("button", {
          class: "primary",
          id: "new-user",
          text: "New user",
          onclick: function () {
            view.form.classList.toggle("hidden");
            if (!view.form.classList.contains("hidden")) view.form.querySelector("input").focus();
          },
        }),
        view.search,
      ]);
    }
    replace(view.main, [view.poolHead, el("nav", { class: "tabs" }, tabs), toolbar, r.tab === "users" ? view.form : null, view.body]);
  }

  function renderPool() {
    var d = state.detail;
    if (!d) return;
    var p = d.pool;
    var signIn = p.UsernameAttributes.length ? p.UsernameAttributes.join(" or ") : "username" + (p.AliasAttributes.length ? " (aliases: " + p.AliasAttributes.join(", ") + ")" : "");
    var triggers = Object.keys(p.LambdaConfig).filter(function (k) {
      return typeof p.LambdaConfig[k] === "string";
    });
    replace(view.poolHead, [
      el("h1", {}, [p.Name, " ", el("small", { text: p.Id })]),
      el("dl", { class: "facts" }, [
        fact("Sign-in", signIn),
        fact("MFA", p.MfaConfiguration),
        fact("Auto-verified", p.AutoVerifiedAttributes.join(", ") || "none"),
        fact("Usernames", p.CaseSensitive ? "case-sensitive" : "case-insensitive"),
        p.Domain ? fact("Hosted UI domain", p.Domain) : null,
        triggers.length ? fact("Triggers", triggers.join(", ")) : null,
      ]),
    ]);
    var tab = state.route.tab;
    if (tab === "users") renderUsers();
    else if (tab === "clients") renderClients();
    else if (tab === "groups") renderGroups();
  }

  function renderUsers() {
    var d = state.detail;
    if (!d || !view.body || state.route.tab !== "users") return;
    if (!d.users.length) {
      replace(view.body, el("p", { class: "empty", text: d.totalUsers ? "No user matches." : "No users in this pool yet." }));
      return;
    }
    var rows = [];
    d.users.forEach(function (u) {
      var key = userKey(d.pool.Id, u.Username);
      var open = Boolean(state.expanded[key]);
      rows.push(
        el(
          "tr",
          {
            class: "user-row" + (open ? " open" : "") + (u.Enabled ? "" : " disabled"),
            "data-username": u.Username,
            onclick: function () {
              state.expanded[key] = !state.expanded[key];
              if (state.expanded[key]) loadUser(d.pool.Id, u.Username);
              renderUsers();
            },
          },
          [
            el("td", {}, [el("span", { class: "caret", text: open ? "▾" : "▸" }), " ", el("strong", { text: u.Username })]),
            el("td", {}, statusBadge(u.UserStatus)),
            el("td", {}, el("span", { class: "badge " + (u.Enabled ? "enabled" : "off"), text: u.Enabled ? "Enabled" : "Disabled" })),
            el("td", { text: u.Attributes.email || "" }),
            el("td", { text: u.Attributes.phone_number || "" }),
            el("td", {}, u.Groups.length ? chips(u.Groups, "group") : el("span", { class: "muted", text: "–" })),
            el("td", {}, u.Mfa.UserMFASettingList.length ? chips(u.Mfa.UserMFASettingList.map(mfaName), "mfa") : el("span", { class: "muted", text: "off" })),
            el("td", { class: "muted", text: when(u.UserCreateDate) }),
          ],
        ),
      );
      if (open) rows.push(el("tr", { class: "details" }, el("td", { colspan: "8" }, userDetails(d, u))));
    });
    var note = d.matchingUsers > d.users.length ? el("p", { class: "muted small", text: "Showing " + d.users.length + " of " + d.matchingUsers + " users: search to narrow." }) : null;
    replace(view.body, [
      el("table", { class: "grid users" }, [
        el("thead", {}, el("tr", {}, ["Username", "Status", "Enabled", "Email", "Phone", "Groups", "MFA", "Created"].map(function (h) {
          return el("th", { text: h });
        }))),
        el("tbody", {}, rows),
      ]),
      note,
    ]);
  }

  function mfaName(setting) {
    return setting === "SOFTWARE_TOKEN_MFA" ? "TOTP" : setting === "SMS_MFA" ? "SMS" : setting === "EMAIL_OTP" ? "Email" : setting;
  }

  /** A user's panel: attributes, account, groups and MFA, codes, tokens; each edit is one admin operation. */
  function userDetails(d, u) {
    var pool = d.pool;
    var key = userKey(pool.Id, u.Username);
    var extra = state.users[key];
    var path = userPath(pool.Id, u.Username);
    var run = function (method, suffix, body, done) {
      return act(api(method, path + suffix, body), done);
    };
    var button = function (label, method, suffix, cls, done, id) {
      return el("button", {
        type: "button",
        class: cls || "",
        "data-action": id,
        text: label,
        onclick: function (event) {
          event.stopPropagation();
          run(method, suffix, undefined, done).catch(function () {});
        },
      });
    };
    return el("div", { class: "user-details" }, [
      attributesPanel(pool, u, key, run),
      el("div", { class: "detail-col account" }, [
        el("h3", { text: "Account" }),
        el("table", { class: "kv" }, [
          el("tr", {}, [el("th", { text: "Status" }), el("td", {}, statusBadge(u.UserStatus))]),
          el("tr", {}, [el("th", { text: "Password" }), el("td", { text: u.HasPassword ? (u.TemporaryPasswordExpiresAt ? "temporary, expires " + when(u.TemporaryPasswordExpiresAt) : "set") : "none" })]),
          el("tr", {}, [el("th", { text: "Authenticator app" }), el("td", { text: u.Mfa.TotpConfigured ? "configured" : "not configured" })]),
          el("tr", {}, [el("th", { text: "Last modified" }), el("td", { text: when(u.UserLastModifiedDate) })]),
        ]),
        el("div", { class: "actions wrap" }, [
          u.UserStatus === "UNCONFIRMED" ? button("Confirm", "POST", "/confirm", "primary", u.Username + " confirmed", "confirm") : null,
          u.Enabled ? button("Disable", "POST", "/disable", "", u.Username + " disabled", "disable") : button("Enable", "POST", "/enable", "", u.Username + " enabled", "enable"),
          button("Reset password", "POST", "/reset-password", "", "Password reset: " + u.Username + " must set a new one with the code sent", "reset-password"),
          button("Sign out everywhere", "POST", "/sign-out", "", u.Username + "'s sessions and tokens are revoked", "sign-out"),
          confirmButton("delete:" + key, "Delete", "Really delete?", function () {
            act(api("DELETE", path), u.Username + " deleted");
          }),
        ]),
        passwordForm(key, u, run),
      ]),
      groupsAndMfaPanel(d, u, key, run),
      codesPanel(pool, u, extra),
      tokensPanel(pool, u, extra),
      u.AuthEvents ? authEvents(u.AuthEvents) : null,
    ]);
  }

  // Threat protection's latest verdicts on the user's sign-ins, sign-ups and password changes.
  function authEvents(events) {
    return el("div", { class: "detail-col" }, [
      el("h3", { text: "Auth events" }),
      events.length
        ? events.map(function (e) {
            var risk = e.RiskDecision + (e.RiskLevel ? " · " + e.RiskLevel : "") + (e.CompromisedCredentialsDetected ? " · compromised password" : "");
            return el("div", { class: "mini-message" }, [
              el("span", { class: "muted", text: time(e.CreationDate) + " " + e.EventType + " " + e.EventResponse + (e.IpAddress ? " from " + e.IpAddress : "") }),
              el("span", { class: "code-pill", text: risk + (e.Feedback ? " · feedback " + e.Feedback : "") }),
            ]);
          })
        : el("p", { class: "muted", text: "None logged." }),
    ]);
  }

  function attributesPanel(pool, u, key, run) {
    var editKey = "attrs:" + key;
    var names = Object.keys(u.Attributes).sort();
    if (!state.editing[editKey]) {
      return el("div", { class: "detail-col attributes" }, [
        el("div", { class: "col-head" }, [
          el("h3", { text: "Attributes" }),
          el("button", { type: "button", class: "small-button", "data-action": "edit-attributes", text: "Edit", onclick: function (event) {
            event.stopPropagation();
            state.editing[editKey] = true;
            renderUsers();
          } }),
        ]),
        el("table", { class: "kv" }, [
          el("tr", {}, [el("th", { text: "sub" }), el("td", {}, code(u.Sub))]),
          names.map(function (name) {
            return el("tr", {}, [el("th", { text: name }), el("td", { text: u.Attributes[name] })]);
          }),
        ]),
      ]);
    }
    var keep = function (suffix) {
      return editKey + ":" + suffix;
    };
    var rows = names.map(function (name) {
      return el("tr", { "data-attribute": name }, [
        el("th", { text: name }),
        el("td", {}, el("input", { class: "attr-value", "data-keep": keep("value:" + name), "data-name": name, value: u.Attributes[name], "aria-label": name })),
        el("td", { class: "narrow" }, el("label", { class: "check", title: "Remove" }, [el("input", { type: "checkbox", class: "attr-remove", "data-keep": keep("remove:" + name), "data-name": name }), " remove"])),
      ]);
    });
    var listId = "attrs-" + pool.Id;
    var form = el("form", {
      class: "attr-form",
      onsubmit: function (event) {
        event.preventDefault();
        var set = {};
        var remove = [];
        form.querySelectorAll("input.attr-value").forEach(function (input) {
          if (input.value !== u.Attributes[input.getAttribute("data-name")]) set[input.getAttribute("data-name")] = input.value;
        });
        form.querySelectorAll("input.attr-remove").forEach(function (box) {
          if (box.checked) {
            remove.push(box.getAttribute("data-name"));
            delete set[box.getAttribute("data-name")];
          }
        });
        var newName = form.querySelector(".attr-new-name").value.trim();
        if (newName) set[newName] = form.querySelector(".attr-new-value").value;
        run("POST", "/attributes", { set: set, remove: remove }, "Attributes of " + u.Username + " saved").then(function () {
          delete state.editing[editKey];
          form.reset();
          renderUsers();
        }, function () {});
      },
      onclick: function (event) {
        event.stopPropagation();
      },
    }, [
      el("table", { class: "kv" }, [
        el("tr", {}, [el("th", { text: "sub" }), el("td", { colspan: "2" }, code(u.Sub))]),
        rows,
        el("tr", { class: "attr-new" }, [
          el("th", {}, el("input", { class: "attr-new-name", "data-keep": keep("new-name"), placeholder: "new attribute", list: listId, "aria-label": "New attribute name" })),
          el("td", { colspan: "2" }, el("input", { class: "attr-new-value", "data-keep": keep("new-value"), placeholder: "value", "aria-label": "New attribute value" })),
        ]),
      ]),
      el("datalist", { id: listId }, (state.detail ? state.detail.pool.WritableAttributes : []).map(function (name) {
        return el("option", { value: name });
      })),
      el("div", { class: "actions" }, [
        el("button", { type: "submit", class: "primary", "data-action": "save-attributes", text: "Save attributes" }),
        el("button", { type: "button", text: "Cancel", onclick: function () {
          delete state.editing[editKey];
          form.reset();
          renderUsers();
        } }),
      ]),
    ]);
    return el("div", { class: "detail-col attributes editing" }, [el("h3", { text: "Attributes" }), form]);
  }

  function passwordForm(key, u, run) {
    var input = el("input", { type: "text", class: "password-input", "data-keep": "password:" + key, placeholder: "New password", autocomplete: "off", "aria-label": "New password" });
    var permanent = el("input", { type: "checkbox", class: "password-permanent", "data-keep": "permanent:" + key });
    var form = el("form", {
      class: "inline-form",
      onclick: function (event) {
        event.stopPropagation();
      },
      onsubmit: function (event) {
        event.preventDefault();
        run("POST", "/password", { password: input.value, permanent: permanent.checked }, function (result) {
          return "Password of " + u.Username + " set (" + result.user.UserStatus + ")";
        }).then(function () {
          form.reset();
          input.value = "";
        }, function () {});
      },
    }, [
      input,
      el("label", { class: "check", title: "Permanent: the user is CONFIRMED. Otherwise temporary: FORCE_CHANGE_PASSWORD." }, [permanent, " permanent"]),
      el("button", { type: "submit", "data-action": "set-password", text: "Set password" }),
    ]);
    return form;
  }

  function groupsAndMfaPanel(d, u, key, run) {
    var others = d.groups.map(function (g) {
      return g.GroupName;
    }).filter(function (name) {
      return u.Groups.indexOf(name) < 0;
    });
    var picker = el("select", { class: "group-picker", "data-keep": "group:" + key, "aria-label": "Group to add" }, [el("option", { value: "", text: "Add to group…" })].concat(others.map(function (name) {
      return el("option", { value: name, text: name });
    })));
    var groupChips = u.Groups.map(function (name) {
      return el("span", { class: "chip group removable" }, [
        name,
        el("button", { type: "button", class: "chip-x", title: "Remove from " + name, "aria-label": "Remove from " + name, "data-group": name, text: "×", onclick: function (event) {
          event.stopPropagation();
          run("DELETE", "/groups/" + enc(name), undefined, u.Username + " left " + name).catch(function () {});
        } }),
      ]);
    });
    var settings = u.Mfa.UserMFASettingList;
    var factors = [
      ["sms", "SMS_MFA", "SMS"],
      ["totp", "SOFTWARE_TOKEN_MFA", "Authenticator app"],
      ["email", "EMAIL_OTP", "Email"],
    ];
    var mfaRows = factors.map(function (f) {
      var enabled = settings.indexOf(f[1]) >= 0;
      return el("tr", {}, [
        el("th", { text: f[2] }),
        el("td", {}, el("label", { class: "check" }, [el("input", { type: "checkbox", class: "mfa-enabled", "data-factor": f[0], "data-keep": "mfa:" + key + ":" + f[0], checked: enabled }), " on"])),
        el("td", {}, el("label", { class: "check" }, [el("input", { type: "radio", name: "preferred:" + key, class: "mfa-preferred", "data-factor": f[0], "data-keep": "mfa-preferred:" + key + ":" + f[0], checked: u.Mfa.PreferredMfaSetting === f[1] }), " preferred"])),
      ]);
    });
    var mfaForm = el("form", {
      class: "mfa-form",
      onclick: function (event) {
        event.stopPropagation();
      },
      onsubmit: function (event) {
        event.preventDefault();
        var body = {};
        factors.forEach(function (f) {
          var enabled = mfaForm.querySelector(".mfa-enabled[data-factor=" + f[0] + "]").checked;
          var preferred = mfaForm.querySelector(".mfa-preferred[data-factor=" + f[0] + "]").checked;
          var was = settings.indexOf(f[1]) >= 0;
          // Only what changed: setting a factor the pool does not offer is refused even when turning it off.
          if (enabled !== was || preferred !== (u.Mfa.PreferredMfaSetting === f[1])) body[f[0]] = { enabled: enabled || preferred, preferred: preferred };
        });
        if (!Object.keys(body).length) return toast("Nothing to change");
        run("POST", "/mfa", body, "MFA settings of " + u.Username + " saved").catch(function () {});
      },
    }, [el("table", { class: "kv" }, mfaRows), el("div", { class: "actions" }, el("button", { type: "submit", "data-action": "save-mfa", text: "Save MFA" }))]);
    return el("div", { class: "detail-col groups-mfa" }, [
      el("h3", { text: "Groups" }),
      el("div", { class: "group-chips" }, groupChips.length ? groupChips : el("span", { class: "muted", text: "none" })),
      others.length
        ? el("div", { class: "inline-form" }, [picker, el("button", { type: "button", "data-action": "add-group", text: "Add", onclick: function (event) {
            event.stopPropagation();
            if (!picker.value) return toast("Pick a group", "error");
            run("POST", "/groups", { group: picker.value }, u.Username + " joined " + picker.value).catch(function () {});
          } })])
        : null,
      el("h3", { class: "spaced", text: "MFA" }),
      mfaForm,
    ]);
  }

  function codesPanel(pool, u, extra) {
    var items = [];
    if (extra && extra.totp) {
      items.push(el("div", { class: "mini-message totp" }, [
        el("span", { class: "muted" }, ["Authenticator app now", el("br"), el("small", { class: "countdown", "data-until": String(Date.now() + extra.totp.secondsLeft * 1000), text: extra.totp.secondsLeft + " s left" }), extra.totp.used ? el("small", { class: "warn-text", text: " · used: the next one works" }) : null]),
        el("span", {}, [el("span", { class: "code-pill", text: extra.totp.code }), " ", copyButton(extra.totp.code)]),
      ]));
    }
    var mine = extra ? extra.messages : state.messages.filter(function (m) {
      return m.userPoolId === pool.Id && m.username === u.Username;
    }).slice(-5).reverse();
    mine.forEach(function (m) {
      items.push(el("div", { class: "mini-message" }, [
        el("span", { class: "muted", text: time(m.createdAt) + " " + m.reason + " → " + m.destination }),
        m.code ? el("span", {}, [el("span", { class: "code-pill", text: m.code }), " ", copyButton(m.code)]) : null,
      ]));
    });
    return el("div", { class: "detail-col codes" }, [el("h3", { text: "Codes" }), items.length ? items : el("p", { class: "muted", text: "None sent." })]);
  }

  function tokensPanel(pool, u, extra) {
    var mintHere = el("button", { type: "button", class: "small-button", "data-action": "mint-for-user", text: "Mint tokens", onclick: function (event) {
      event.stopPropagation();
      state.mint.poolId = pool.Id;
      state.mint.subject = "user";
      state.mint.username = u.Username;
      state.mint.clientId = "";
      state.mint.result = null;
      location.hash = href({ view: "tokens" });
    } });
    var head = el("div", { class: "col-head" }, [el("h3", { text: "Tokens" }), mintHere]);
    if (!extra) return el("div", { class: "detail-col tokens" }, [head, el("p", { class: "muted", text: "Loading…" })]);
    var issued = extra.tokens.map(function (t) {
      var ok = t.status === "valid";
      return el("div", { class: "token-item" }, [
        el("div", { class: "token-line" }, [
          el("span", { class: "badge " + (ok ? "enabled" : "off"), text: ok ? "valid" : t.status.replace("Access Token has ", "") }),
          el("span", { class: "muted small", text: " " + t.source + " · " + (t.clientName || t.clientId) + " · " + time(t.issuedAt) + " · expires " + relative(t.expiresAt) }),
        ]),
        el("div", { class: "token-buttons" }, [
          t.IdToken ? copyButton(t.IdToken, "ID", "small-button") : null,
          copyButton(t.AccessToken, "Access", "small-button"),
          t.RefreshToken ? copyButton(t.RefreshToken, "Refresh", "small-button") : null,
          el("button", { type: "button", class: "small-button", text: "Decode", onclick: function (event) {
            event.stopPropagation();
            decodeElsewhere(t.IdToken || t.AccessToken);
          } }),
        ]),
      ]);
    });
    var sessions = extra.sessions.map(function (s) {
      return el("div", { class: "mini-message" }, [
        el("span", { class: "muted", text: (s.clientName || s.clientId) + " · signed in " + when(s.authTime) }),
        el("span", { class: "badge " + (s.revoked || s.expired ? "off" : "enabled"), text: s.revoked ? "revoked" : s.expired ? "expired" : "until " + when(s.expiresAt) }),
      ]);
    });
    return el("div", { class: "detail-col tokens" }, [
      head,
      issued.length ? issued : el("p", { class: "muted small", text: "None issued since the emulator started." }),
      el("h3", { class: "spaced", text: "Sessions" }),
      sessions.length ? sessions : el("p", { class: "muted small", text: "No refresh tokens." }),
    ]);
  }

  function userForm() {
    var f = {};
    var input = function (name, props) {
      f[name] = el("input", Object.assign({ name: name, id: "new-" + name }, props));
      return f[name];
    };
    var check = function (label, control) {
      return el("label", { class: "check" }, [control, " ", label]);
    };
    f.attributes = el("textarea", { name: "attributes", id: "new-attributes", rows: "3", placeholder: "name=Jane Doe\ncustom:tenant=acme" });
    var form = el(
      "form",
      {
        class: "card user-form hidden",
        id: "user-form",
        onsubmit: function (event) {
          event.preventDefault();
          var attributes = {};
          f.attributes.value.split("\n").forEach(function (line) {
            var at = line.indexOf("=");
            if (at > 0) attributes[line.slice(0, at).trim()] = line.slice(at + 1).trim();
          });
          var body = {
            username: f.username.value,
            email: f.email.value || undefined,
            emailVerified: f.emailVerified.checked,
            phoneNumber: f.phone.value || undefined,
            phoneNumberVerified: f.phoneVerified.checked,
            password: f.password.value || undefined,
            permanent: f.permanent.checked,
            attributes: attributes,
          };
          act(api("POST", API + "pools/" + enc(state.route.poolId) + "/users", body), function (result) {
            return result.user.Username + " created (" + result.user.UserStatus + ")";
          }).then(function () {
            form.reset();
            form.classList.add("hidden");
          }, function () {});
        },
      },
      [
        el("h3", { text: "New user" }),
        el("div", { class: "form-grid" }, [
          field("Username", input("username", { required: true, autocomplete: "off" })),
          field("Email", input("email", { type: "email", autocomplete: "off" }), null),
          field("Phone number", input("phone", { placeholder: "+15555550100", autocomplete: "off" })),
          field("Password", input("password", { type: "text", autocomplete: "off" }), "Empty: a temporary password is generated and sent (see Outbox)."),
          el("div", { class: "checks" }, [
            check("Email verified", input("emailVerified", { type: "checkbox", checked: true })),
            check("Phone verified", input("phoneVerified", { type: "checkbox" })),
            check("Password is permanent (CONFIRMED)", input("permanent", { type: "checkbox", checked: true })),
          ]),
          field("Other attributes", f.attributes, "One name=value per line."),
        ]),
        el("div", { class: "actions" }, [
          el("button", { type: "submit", class: "primary", text: "Create user" }),
          el("button", {
            type: "button",
            text: "Cancel",
            onclick: function () {
              form.reset();
              form.classList.add("hidden");
            },
          }),
        ]),
      ],
    );
    return form;
  }

  function renderClients() {
    var d = state.detail;
    if (!d.clients.length) return replace(view.body, el("p", { class: "empty", text: "No app clients." }));
    replace(view.body, d.clients.map(function (c) {
      return el("section", { class: "card client" }, [
        el("h3", {}, [c.ClientName, " ", el("small", {}, code(c.ClientId))]),
        el("dl", { class: "facts" }, [
          el("div", { class: "fact" }, [el("dt", { text: "Secret" }), el("dd", {}, c.ClientSecret ? code(c.ClientSecret) : el("span", { class: "muted", text: "none (public client)" }))]),
          el("div", { class: "fact wide" }, [el("dt", { text: "Auth flows" }), el("dd", {}, chips(c.ExplicitAuthFlows))]),
          el("div", { class: "fact wide" }, [el("dt", { text: "OAuth flows" }), el("dd", {}, chips(c.AllowedOAuthFlows))]),
          el("div", { class: "fact wide" }, [el("dt", { text: "OAuth scopes" }), el("dd", {}, chips(c.AllowedOAuthScopes))]),
          el("div", { class: "fact wide" }, [el("dt", { text: "Callback URLs" }), el("dd", {}, chips(c.CallbackURLs, "url"))]),
          el("div", { class: "fact wide" }, [el("dt", { text: "Identity providers" }), el("dd", {}, chips(c.SupportedIdentityProviders))]),
        ]),
      ]);
    }));
  }

  function renderGroups() {
    var d = state.detail;
    if (!d.groups.length) return replace(view.body, el("p", { class: "empty", text: "No groups." }));
    replace(view.body, el("table", { class: "grid" }, [
      el("thead", {}, el("tr", {}, ["Group", "Description", "Precedence", "Role", "Members"].map(function (h) {
        return el("th", { text: h });
      }))),
      el("tbody", {}, d.groups.map(function (g) {
        return el("tr", {}, [
          el("td", {}, el("strong", { text: g.GroupName })),
          el("td", { text: g.Description || "" }),
          el("td", { text: g.Precedence === undefined ? "" : String(g.Precedence) }),
          el("td", {}, g.RoleArn ? code(g.RoleArn) : ""),
          el("td", { text: String(g.members) }),
        ]);
      })),
    ]));
  }

  // ---- identity pools ----
  function roleMappingView(provider, mapping) {
    var rules = (mapping.RulesConfiguration && mapping.RulesConfiguration.Rules) || [];
    return el("div", { class: "mapping" }, [
      el("div", {}, [code(provider), " ", el("span", { class: "chip", text: mapping.Type === "Token" ? "roles from the token" : "rules" }), mapping.AmbiguousRoleResolution ? el("span", { class: "muted small", text: " otherwise: " + mapping.AmbiguousRoleResolution }) : null]),
      rules.length
        ? el("table", { class: "kv rules" }, rules.map(function (rule) {
            return el("tr", {}, [el("th", { text: rule.Claim + " " + rule.MatchType + " " + JSON.stringify(rule.Value) }), el("td", {}, ["→ ", code(rule.RoleARN)])]);
          }))
        : null,
    ]);
  }

  function renderIdentity() {
    if (!view.body || !state.overview || state.route.view !== "identity") return;
    var pools = state.overview.identityPools;
    if (!pools.length) return replace(view.body, el("p", { class: "empty", text: "No identity pools." }));
    replace(view.body, pools.map(function (p) {
      var providers = p.CognitoIdentityProviders.map(function (c) {
        return c.ProviderName + " · " + c.ClientId;
      });
      var logins = Object.keys(p.SupportedLoginProviders).map(function (k) {
        return k + " = " + p.SupportedLoginProviders[k];
      });
      var roles = Object.keys(p.Roles).map(function (k) {
        return el("div", {}, [el("span", { class: "muted", text: k + ": " }), code(p.Roles[k])]);
      });
      var mappings = Object.keys(p.RoleMappings).map(function (provider) {
        return roleMappingView(provider, p.RoleMappings[provider]);
      });
      return el("section", { class: "card identity", "data-identity-pool": p.IdentityPoolId }, [
        el("h3", {}, [p.IdentityPoolName, " ", el("small", {}, code(p.IdentityPoolId))]),
        el("dl", { class: "facts" }, [
          fact("Guest access", p.AllowUnauthenticatedIdentities ? "allowed" : "off"),
          fact("Classic flow", p.AllowClassicFlow ? "on" : "off"),
          fact("Identities", String(p.identities)),
          p.DeveloperProviderName ? fact("Developer provider", p.DeveloperProviderName) : null,
          el("div", { class: "fact wide" }, [el("dt", { text: "User pool providers" }), el("dd", {}, chips(providers, "url"))]),
          logins.length ? el("div", { class: "fact wide" }, [el("dt", { text: "Login providers" }), el("dd", {}, chips(logins))]) : null,
          p.OpenIdConnectProviderARNs.length ? el("div", { class: "fact wide" }, [el("dt", { text: "OpenID Connect" }), el("dd", {}, chips(p.OpenIdConnectProviderARNs, "url"))]) : null,
          p.SamlProviderARNs.length ? el("div", { class: "fact wide" }, [el("dt", { text: "SAML" }), el("dd", {}, chips(p.SamlProviderARNs, "url"))]) : null,
          el("div", { class: "fact wide" }, [el("dt", { text: "Roles" }), el("dd", {}, roles.length ? roles : el("span", { class: "muted", text: "none" }))]),
          mappings.length ? el("div", { class: "fact wide" }, [el("dt", { text: "Role mappings" }), el("dd", {}, mappings)]) : null,
        ]),
        identitiesTable(p),
      ]);
    }));
  }

  function identitiesTable(p) {
    var data = state.identities[p.IdentityPoolId];
    if (!data) return el("p", { class: "muted small", text: "Loading identities…" });
    if (!data.identities.length) return el("p", { class: "muted small", text: "No identities yet: GetId creates them." });
    return el("div", {}, [
      el("h3", { class: "spaced", text: "Identities" }),
      el("table", { class: "grid identities" }, [
        el("thead", {}, el("tr", {}, ["Identity", "Logins", "Created", ""].map(function (h) {
          return el("th", { text: h });
        }))),
        el("tbody", {}, data.identities.map(function (i) {
          return el("tr", { class: "identity-row", "data-identity": i.IdentityId }, [
            el("td", {}, [code(i.IdentityId), i.MergedInto ? el("div", { class: "muted small", text: "merged into " + i.MergedInto }) : null]),
            el("td", {}, i.Subjects.length ? chips(i.Subjects, "url") : el("span", { class: "muted", text: "guest" })),
            el("td", { class: "muted", text: when(i.CreationDate) }),
            el("td", {}, confirmButton("identity:" + i.IdentityId, "Delete", "Really delete?", function () {
              act(api("DELETE", API + "identity-pools/" + enc(p.IdentityPoolId) + "/identities/" + enc(i.IdentityId)), "Identity deleted", loadIdentities);
            })),
          ]);
        })),
      ]),
      data.total > data.identities.length ? el("p", { class: "muted small", text: "Showing the newest " + data.identities.length + " of " + data.total + "." }) : null,
    ]);
  }

  // ---- outbox ----
  function renderOutboxToolbar() {
    if (state.route.view !== "outbox" || !view.outboxToolbar || !state.overview) return;
    var filter = state.outboxFilter;
    var text = el("input", { type: "search", class: "search", id: "outbox-filter", "data-keep": "outbox-filter", placeholder: "Filter: address, user, code, text", "aria-label": "Filter messages", value: filter.text, oninput: function () {
      filter.text = text.value;
      renderOutbox();
    } });
    var pool = el("select", { id: "outbox-pool", "data-keep": "outbox-pool", "aria-label": "Pool", value: filter.poolId, onchange: function () {
      filter.poolId = pool.value;
      renderOutboxToolbar();
      renderOutbox();
    } }, [el("option", { value: "", text: "All pools" })].concat(state.overview.userPools.map(function (p) {
      return el("option", { value: p.Id, text: p.Name + " · " + p.Id });
    })));
    replace(view.outboxToolbar, [
      text,
      pool,
      confirmButton("clear-outbox", filter.poolId ? "Clear this pool's messages" : "Clear outbox", "Really clear?", function () {
        act(api("DELETE", CONTROL + "messages" + (filter.poolId ? "?userPoolId=" + enc(filter.poolId) : "")), function (result) {
          return result.cleared + " message" + (result.cleared === 1 ? "" : "s") + " cleared";
        });
      }),
    ]);
  }

  function renderOutbox() {
    if (!view.body || state.route.view !== "outbox") return;
    var filter = state.outboxFilter;
    var needle = filter.text.trim().toLowerCase();
    var messages = state.messages.slice().reverse().filter(function (m) {
      if (filter.poolId && m.userPoolId !== filter.poolId) return false;
      if (!needle) return true;
      return [m.destination, m.username, m.code, m.reason, m.subject, m.message].some(function (value) {
        return value && String(value).toLowerCase().indexOf(needle) >= 0;
      });
    });
    if (!state.messages.length) return replace(view.body, el("p", { class: "empty", text: "Nothing sent yet. Sign-up codes, invitations and password resets appear here." }));
    if (!messages.length) return replace(view.body, el("p", { class: "empty", text: "No message matches." }));
    replace(view.body, el("table", { class: "grid outbox" }, [
      el("thead", {}, el("tr", {}, ["Sent", "To", "Code", "Why", "User", "Message"].map(function (h) {
        return el("th", { text: h });
      }))),
      el("tbody", {}, messages.map(function (m) {
        return el("tr", { class: "message" }, [
          el("td", { class: "muted", text: time(m.createdAt) }),
          el("td", {}, [el("span", { class: "chip medium", text: m.deliveryMedium }), " ", m.destination]),
          el("td", { class: "nowrap" }, m.code ? [el("span", { class: "code-pill", text: m.code }), " ", copyButton(m.code)] : el("span", { class: "muted", text: "–" })),
          el("td", { text: m.reason }),
          el("td", {}, [el("strong", { text: m.username }), el("br"), el("small", { class: "muted", text: m.userPoolId })]),
          el("td", { class: "message-text" }, [m.subject ? el("strong", { text: m.subject }) : null, m.subject ? el("br") : null, m.message]),
        ]);
      })),
    ]));
  }

  // ---- tokens: mint and decode ----
  function mintPoolDetail(poolId) {
    if (state.mint.clients && state.mint.clients.poolId === poolId) return;
    state.mint.clients = { poolId: poolId, list: null };
    api("GET", API + "pools/" + enc(poolId)).then(function (data) {
      state.mint.clients = { poolId: poolId, list: data.clients, users: data.users.map(function (u) {
        return u.Username;
      }) };
      renderMint();
    }, function (error) {
      toast(error.message, "error");
    });
  }

  function renderMint() {
    if (!view.mint || state.route.view !== "tokens" || !state.overview) return;
    var m = state.mint;
    var pools = state.overview.userPools;
    if (!pools.length) return replace(view.mint, [el("h3", { text: "Mint tokens" }), el("p", { class: "muted", text: "No user pools." })]);
    if (!m.poolId || !pools.some(function (p) {
      return p.Id === m.poolId;
    })) m.poolId = pools[0].Id;
    mintPoolDetail(m.poolId);
    var clients = (m.clients && m.clients.poolId === m.poolId && m.clients.list) || [];
    var users = (m.clients && m.clients.users) || [];
    if (!m.username && users.length) m.username = users[0];
    var poolSelect = el("select", { id: "mint-pool", "aria-label": "User pool", value: m.poolId, onchange: function () {
      m.poolId = poolSelect.value;
      m.clientId = "";
      renderMint();
    } }, pools.map(function (p) {
      return el("option", { value: p.Id, text: p.Name + " · " + p.Id });
    }));
    var subject = function (value, label) {
      return el("label", { class: "check" }, [el("input", { type: "radio", name: "mint-subject", value: value, checked: m.subject === value, onchange: function () {
        m.subject = value;
        renderMint();
      } }), " ", label]);
    };
    var username = el("input", { id: "mint-username", "data-keep": "mint-username", list: "mint-users", value: m.username, autocomplete: "off", placeholder: "username", oninput: function () {
      m.username = username.value;
    } });
    var client = el("select", { id: "mint-client", "aria-label": "App client", value: m.clientId, onchange: function () {
      m.clientId = client.value;
    } }, [m.subject === "user" ? el("option", { value: "", text: "The pool's first app client" }) : null].concat(clients.map(function (c) {
      return el("option", { value: c.ClientId, text: c.ClientName + " · " + c.ClientId });
    })));
    var scopes = el("input", { id: "mint-scopes", "data-keep": "mint-scopes", placeholder: m.subject === "user" ? "aws.cognito.signin.user.admin" : "the client's custom scopes", autocomplete: "off" });
    var lifetime = el("input", { id: "mint-lifetime", "data-keep": "mint-lifetime", type: "number", step: "1", placeholder: "the client's validity", autocomplete: "off" });
    var claims = el("textarea", { id: "mint-claims", "data-keep": "mint-claims", rows: "3", placeholder: '{"custom:plan": "pro"}' });
    var tamper = el("select", { id: "mint-tamper", "data-keep": "mint-tamper", value: "" }, [
      el("option", { value: "", text: "none: genuine tokens" }),
      el("option", { value: "signature", text: "signature (bad signature)" }),
      el("option", { value: "issuer", text: "issuer (another pool's)" }),
      el("option", { value: "audience", text: "audience (another client)" }),
    ]);
    var form = el("form", { id: "mint-form", onsubmit: function (event) {
      event.preventDefault();
      var body = { userPoolId: m.poolId };
      if (m.subject === "user") {
        body.username = username.value.trim();
        if (client.value) body.clientId = client.value;
      } else body.clientId = client.value || (clients[0] && clients[0].ClientId);
      if (scopes.value.trim()) body.scopes = scopes.value.trim().split(/[\s,]+/);
      if (lifetime.value.trim()) body.expiresInSeconds = Number(lifetime.value);
      if (claims.value.trim()) {
        try {
          body.claims = JSON.parse(claims.value);
        } catch (error) {
          return toast("Extra claims must be a JSON object: " + error.message, "error");
        }
      }
      if (tamper.value) body.tamper = tamper.value;
      api("POST", CONTROL + "tokens", body).then(function (result) {
        m.result = result;
        toast("Tokens minted" + (body.tamper ? " (tampered: " + body.tamper + ")" : ""));
        renderMint();
      }, function (error) {
        toast(error.message, "error");
      });
    } }, [
      el("div", { class: "form-grid" }, [
        field("User pool", poolSelect),
        el("div", { class: "field" }, [el("span", { text: "For" }), el("div", { class: "checks row" }, [subject("user", "a user"), subject("client", "a client (client_credentials)")])]),
        m.subject === "user" ? field("Username", username) : null,
        field(m.subject === "user" ? "Audience (app client)" : "App client", client),
        field("Scopes", scopes, "Space-separated; OAuth-style tokens when given."),
        field("Lifetime, seconds", lifetime, "Negative: already expired."),
        field("Extra or overridden claims", claims, "JSON; null removes a claim."),
        field("Tamper", tamper),
      ]),
      el("datalist", { id: "mint-users" }, users.map(function (name) {
        return el("option", { value: name });
      })),
      el("div", { class: "actions" }, el("button", { type: "submit", class: "primary", id: "mint-submit", text: "Mint" })),
    ]);
    var result = m.result
      ? el("div", { class: "mint-result", id: "mint-result" }, [
          el("p", { class: "muted small", text: "ExpiresIn " + m.result.ExpiresIn + " s" }),
          ["IdToken", "AccessToken", "RefreshToken"].filter(function (name) {
            return m.result[name];
          }).map(function (name) {
            return el("div", { class: "minted", "data-token": name }, [
              el("div", { class: "token-line" }, [el("strong", { text: name }), " ", copyButton(m.result[name], "Copy", "small-button"), " ", name === "RefreshToken" ? null : el("button", { type: "button", class: "small-button", text: "Decode", onclick: function () {
                decodeElsewhere(m.result[name]);
              } })]),
              el("pre", { class: "token-text", text: m.result[name] }),
            ]);
          }),
        ])
      : null;
    replace(view.mint, [el("h3", { text: "Mint tokens" }), form, result]);
  }

  function decodeElsewhere(token) {
    state.decode.token = token;
    state.decode.result = null;
    if (state.route.view === "tokens") {
      view.decodeInput.value = token;
      runDecode();
    } else location.hash = href({ view: "tokens" });
  }

  function runDecode() {
    var token = view.decodeInput.value.trim();
    state.decode.token = token;
    if (!token) {
      state.decode.result = null;
      return renderDecodeResult();
    }
    api("POST", API + "decode", { token: token }).then(function (result) {
      if (state.decode.token !== token) return;
      state.decode.result = result;
      renderDecodeResult();
    }, function (error) {
      toast(error.message, "error");
    });
  }

  function renderDecode() {
    view.decodeInput = el("textarea", { id: "decode-input", rows: "5", placeholder: "Paste an ID, access or refresh token (a leading 'Bearer ' is fine)", spellcheck: "false", value: state.decode.token });
    var timer;
    view.decodeInput.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(runDecode, 250);
    });
    view.decodeResult = el("div", { id: "decode-result" });
    replace(view.decode, [el("h3", { text: "Decode a token" }), view.decodeInput, view.decodeResult]);
    if (state.decode.token) runDecode();
  }

  function verdict(label, good, text) {
    return el("div", { class: "verdict " + (good ? "good" : "bad"), "data-verdict": label }, [el("span", { class: "verdict-label", text: label }), el("span", { text: text })]);
  }

  function renderDecodeResult() {
    var r = state.decode.result;
    if (!view.decodeResult) return;
    if (!r) return replace(view.decodeResult, null);
    if (r.kind === "unreadable") return replace(view.decodeResult, el("p", { class: "verdict bad", text: r.problem }));
    if (r.kind === "refresh") {
      return replace(view.decodeResult, [
        el("p", { class: "muted", text: "A refresh token: encrypted and opaque, as Cognito's. The emulator finds its session by the token's hash." }),
        verdict("Emulator", r.emulator === "ok", r.emulator === "ok" ? "accepts it" : r.emulator),
        r.session
          ? el("table", { class: "kv" }, [
              el("tr", {}, [el("th", { text: "User" }), el("td", { text: r.session.username + " · " + r.session.userPoolId })]),
              el("tr", {}, [el("th", { text: "Client" }), el("td", { text: r.session.clientId })]),
              el("tr", {}, [el("th", { text: "Issued" }), el("td", { text: when(r.session.issuedAt) })]),
              el("tr", {}, [el("th", { text: "Expires" }), el("td", { text: when(r.session.expiresAt) + " (" + relative(r.session.expiresAt) + ")" })]),
            ])
          : null,
      ]);
    }
    var signature = r.signature === "valid" ? "valid: " + (r.signedBy.key === "IdToken" ? "ID-token" : "access-token") + " key of " + r.signedBy.userPoolId : r.signature === "invalid" ? "invalid: the key its kid names (" + r.signedBy.userPoolId + ") does not verify it" : "no pool here has a key with its kid";
    var items = [
      verdict("Signature", r.signature === "valid", signature),
      r.issuer ? verdict("Issuer", r.issuer.matches, r.issuer.matches ? r.issuer.expected : String(r.claims.iss) + " is not " + r.issuer.expected) : null,
      r.expiresAt ? verdict("Expiry", !r.expired, (r.expired ? "expired " : "expires ") + when(r.expiresAt) + " (" + relative(r.expiresAt) + ", by the emulator's clock)") : null,
      r.emulator ? verdict("Emulator", r.emulator === "ok", r.emulator === "ok" ? "accepts it" : "answers \u201c" + r.emulator + "\u201d") : null,
    ];
    var times = ["iat", "auth_time", "exp"].filter(function (name) {
      return typeof r.claims[name] === "number";
    }).map(function (name) {
      return el("tr", {}, [el("th", { text: name }), el("td", { text: when(new Date(r.claims[name] * 1000).toISOString()) })]);
    });
    replace(view.decodeResult, [
      el("div", { class: "verdicts" }, items),
      el("div", { class: "decoded" }, [
        el("div", {}, [el("h3", { text: "Header" }), el("pre", { class: "block", id: "decoded-header", text: JSON.stringify(r.header, null, 2) }), times.length ? el("h3", { class: "spaced", text: "Times" }) : null, times.length ? el("table", { class: "kv" }, times) : null]),
        el("div", {}, [el("h3", { text: "Claims" }), el("pre", { class: "block", id: "decoded-claims", text: JSON.stringify(r.claims, null, 2) })]),
      ]),
    ]);
  }

  // ---- a once-a-second tick: countdowns, and the clock's title ----
  function tick() {
    renderClock();
    var now = Date.now();
    var due = false;
    document.querySelectorAll(".countdown").forEach(function (node) {
      var left = Math.ceil((Number(node.getAttribute("data-until")) - now) / 1000);
      if (left <= 0) due = true;
      node.textContent = Math.max(left, 0) + " s left";
    });
    if (due) loadExpandedUsers();
  }

  // ---- start ----
  document.addEventListener("DOMContentLoaded", function () {
    view.endpoint = document.getElementById("endpoint");
    view.clock = document.getElementById("clock");
    view.nav = document.getElementById("nav");
    view.main = document.getElementById("main");
    buildClock();
    window.addEventListener("hashchange", showRoute);
    showRoute();
    listen();
    setInterval(tick, 1000);
  });
})();
`;
