/** The console script: no framework, no build step; it reads the JSON endpoints and listens to the event stream. Kept free of backticks and dollar-brace so it embeds verbatim. */
export const CONSOLE_JS = String.raw`(function () {
  "use strict";

  var API = "api/";
  var state = {
    overview: null,
    detail: null,
    messages: [],
    search: "",
    expanded: {},
    route: { view: "home" },
  };
  var view = {};

  // ---- small helpers: every value reaches the page as text, never as markup ----
  function el(tag, props, children) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (key) {
        var value = props[key];
        if (value === undefined || value === null || value === false) return;
        if (key === "class") node.className = value;
        else if (key === "text") node.textContent = value;
        else if (key.slice(0, 2) === "on") node.addEventListener(key.slice(2), value);
        else if (key === "value") node.value = value;
        else if (key === "checked") node.checked = value;
        else node.setAttribute(key, value === true ? "" : value);
      });
    }
    append(node, children);
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
  function replace(node, children) {
    while (node.firstChild) node.removeChild(node.firstChild);
    append(node, children);
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

  // ---- routing: #/pools/<id>/<tab>, #/identity-pools, #/outbox ----
  function parseRoute() {
    var parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
    if (parts[0] === "pools" && parts[1]) return { view: "pool", poolId: parts[1], tab: parts[2] || "users" };
    if (parts[0] === "identity-pools") return { view: "identity" };
    if (parts[0] === "outbox") return { view: "outbox" };
    return { view: "home" };
  }
  function href(route) {
    if (route.view === "pool") return "#/pools/" + encodeURIComponent(route.poolId) + "/" + (route.tab || "users");
    if (route.view === "identity") return "#/identity-pools";
    return "#/outbox";
  }

  // ---- data ----
  function loadOverview() {
    return api("GET", API + "overview").then(function (data) {
      state.overview = data;
      renderHeader();
      renderNav();
      if (state.route.view === "identity") renderIdentity();
      if (state.route.view === "home" && data.userPools.length) location.replace(href({ view: "pool", poolId: data.userPools[0].Id }));
    });
  }
  function loadPool() {
    if (state.route.view !== "pool") return Promise.resolve();
    var poolId = state.route.poolId;
    return api("GET", API + "pools/" + encodeURIComponent(poolId) + "?q=" + encodeURIComponent(state.search))
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
  function loadMessages() {
    return api("GET", "../messages").then(function (data) {
      state.messages = data.messages;
      renderNav();
      if (state.route.view === "outbox") renderOutbox();
      if (state.route.view === "pool" && state.route.tab === "users") renderUsers();
    });
  }
  function loadAll() {
    return Promise.all([loadOverview(), loadPool(), loadMessages()]).catch(function (error) {
      toast(error.message, "error");
    });
  }

  // ---- live updates: the server says which tables changed ----
  var POOL_TABLES = ["userPools", "userPoolClients", "groups", "users", "userPoolDomains", "authEvents"];
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
      if (touches(["messages"])) loadMessages();
    });
  }

  // ---- layout ----
  function renderHeader() {
    var o = state.overview;
    var offset = o.clockOffsetSeconds ? " (clock +" + o.clockOffsetSeconds + " s)" : "";
    replace(view.endpoint, [code(o.url), el("span", { class: "muted", text: " · " + o.region + " · v" + o.version + offset })]);
  }

  function navLink(label, count, route, active) {
    return el("a", { href: href(route), class: "nav-link" + (active ? " active" : "") }, [
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
      el("h2", { text: "Messages" }),
      navLink("Outbox", state.messages.length, { view: "outbox" }, r.view === "outbox"),
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
    } else if (r.view === "outbox") {
      replace(view.main, [
        el("h1", { text: "Outbox" }),
        el("p", { class: "lead", text: "Every email and SMS the emulator would have sent: verification codes, invitations, temporary passwords. Newest first." }),
        (view.body = el("div")),
      ]);
      renderOutbox();
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

  function fact(label, value) {
    return el("div", { class: "fact" }, [el("dt", { text: label }), el("dd", { text: value })]);
  }

  function renderUsers() {
    var d = state.detail;
    if (!d || !view.body) return;
    if (!d.users.length) {
      replace(view.body, el("p", { class: "empty", text: d.totalUsers ? "No user matches." : "No users in this pool yet." }));
      return;
    }
    var rows = [];
    d.users.forEach(function (u) {
      var open = Boolean(state.expanded[d.pool.Id + "/" + u.Username]);
      rows.push(
        el(
          "tr",
          {
            class: "user-row" + (open ? " open" : "") + (u.Enabled ? "" : " disabled"),
            "data-username": u.Username,
            onclick: function () {
              var key = d.pool.Id + "/" + u.Username;
              state.expanded[key] = !state.expanded[key];
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
      if (open) rows.push(el("tr", { class: "details" }, el("td", { colspan: "8" }, userDetails(d.pool, u))));
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

  function userDetails(pool, u) {
    var attrs = Object.keys(u.Attributes).sort().map(function (name) {
      return el("tr", {}, [el("th", { text: name }), el("td", { text: u.Attributes[name] })]);
    });
    var mine = state.messages.filter(function (m) {
      return m.userPoolId === pool.Id && m.username === u.Username;
    }).slice(-5).reverse();
    var path = API + "pools/" + encodeURIComponent(pool.Id) + "/users/" + encodeURIComponent(u.Username);
    var act = function (label, method, suffix, cls, done) {
      return el("button", {
        class: cls || "",
        text: label,
        onclick: function (event) {
          event.stopPropagation();
          api(method, path + suffix).then(function () {
            toast(done);
            loadPool();
          }, function (error) {
            toast(error.message, "error");
          });
        },
      });
    };
    var actions = [
      u.UserStatus === "UNCONFIRMED" ? act("Confirm", "POST", "/confirm", "primary", u.Username + " confirmed") : null,
      u.Enabled ? act("Disable", "POST", "/disable", "", u.Username + " disabled") : act("Enable", "POST", "/enable", "", u.Username + " enabled"),
      deleteButton(path, u.Username),
    ];
    return el("div", { class: "user-details" }, [
      el("div", { class: "detail-col" }, [el("h3", { text: "Attributes" }), el("table", { class: "kv" }, [el("tr", {}, [el("th", { text: "sub" }), el("td", {}, code(u.Sub))]), attrs])]),
      el("div", { class: "detail-col" }, [
        el("h3", { text: "Account" }),
        el("table", { class: "kv" }, [
          el("tr", {}, [el("th", { text: "Status" }), el("td", {}, statusBadge(u.UserStatus))]),
          el("tr", {}, [el("th", { text: "Password" }), el("td", { text: u.HasPassword ? (u.TemporaryPasswordExpiresAt ? "temporary, expires " + when(u.TemporaryPasswordExpiresAt) : "set") : "none" })]),
          el("tr", {}, [el("th", { text: "Groups" }), el("td", {}, chips(u.Groups, "group"))]),
          el("tr", {}, [el("th", { text: "MFA" }), el("td", {}, chips(u.Mfa.UserMFASettingList.map(mfaName), "mfa"))]),
          el("tr", {}, [el("th", { text: "Preferred MFA" }), el("td", { text: u.Mfa.PreferredMfaSetting ? mfaName(u.Mfa.PreferredMfaSetting) : "none" })]),
          el("tr", {}, [el("th", { text: "Authenticator app" }), el("td", { text: u.Mfa.TotpConfigured ? "configured" : "not configured" })]),
          el("tr", {}, [el("th", { text: "Last modified" }), el("td", { text: when(u.UserLastModifiedDate) })]),
        ]),
        el("div", { class: "actions" }, actions),
      ]),
      u.AuthEvents ? authEvents(u.AuthEvents) : null,
      el("div", { class: "detail-col" }, [
        el("h3", { text: "Latest messages" }),
        mine.length
          ? mine.map(function (m) {
              return el("div", { class: "mini-message" }, [
                el("span", { class: "muted", text: time(m.createdAt) + " " + m.reason + " → " + m.destination }),
                m.code ? el("span", { class: "code-pill", text: m.code }) : null,
              ]);
            })
          : el("p", { class: "muted", text: "None sent." }),
      ]),
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

  // Deleting is the one action that loses data: the button asks once more in place.
  function deleteButton(path, username) {
    var armed = false;
    var timer;
    var button = el("button", {
      class: "danger",
      text: "Delete",
      onclick: function (event) {
        event.stopPropagation();
        if (!armed) {
          armed = true;
          button.textContent = "Really delete?";
          timer = setTimeout(function () {
            armed = false;
            button.textContent = "Delete";
          }, 4000);
          return;
        }
        clearTimeout(timer);
        api("DELETE", path).then(function () {
          toast(username + " deleted");
          loadPool();
        }, function (error) {
          toast(error.message, "error");
        });
      },
    });
    return button;
  }

  function userForm() {
    var f = {};
    var input = function (name, props) {
      f[name] = el("input", Object.assign({ name: name, id: "new-" + name }, props));
      return f[name];
    };
    var field = function (label, control, hint) {
      return el("label", { class: "field" }, [el("span", { text: label }), control, hint ? el("small", { class: "muted", text: hint }) : null]);
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
          api("POST", API + "pools/" + encodeURIComponent(state.route.poolId) + "/users", body).then(function (result) {
            toast(result.user.Username + " created (" + result.user.UserStatus + ")");
            form.reset();
            form.classList.add("hidden");
            loadPool();
          }, function (error) {
            toast(error.message, "error");
          });
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
  function renderIdentity() {
    if (!view.body || !state.overview) return;
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
      return el("section", { class: "card identity" }, [
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
          Object.keys(p.RoleMappings).length ? fact("Role mappings", Object.keys(p.RoleMappings).join(", ")) : null,
        ]),
      ]);
    }));
  }

  // ---- outbox ----
  function renderOutbox() {
    if (!view.body) return;
    var messages = state.messages.slice().reverse();
    if (!messages.length) return replace(view.body, el("p", { class: "empty", text: "Nothing sent yet. Sign-up codes, invitations and password resets appear here." }));
    replace(view.body, el("table", { class: "grid outbox" }, [
      el("thead", {}, el("tr", {}, ["Sent", "To", "Code", "Why", "User", "Message"].map(function (h) {
        return el("th", { text: h });
      }))),
      el("tbody", {}, messages.map(function (m) {
        return el("tr", { class: "message" }, [
          el("td", { class: "muted", text: time(m.createdAt) }),
          el("td", {}, [el("span", { class: "chip medium", text: m.deliveryMedium }), " ", m.destination]),
          el("td", {}, m.code ? el("span", { class: "code-pill", text: m.code }) : el("span", { class: "muted", text: "–" })),
          el("td", { text: m.reason }),
          el("td", {}, [el("strong", { text: m.username }), el("br"), el("small", { class: "muted", text: m.userPoolId })]),
          el("td", { class: "message-text" }, [m.subject ? el("strong", { text: m.subject }) : null, m.subject ? el("br") : null, m.message]),
        ]);
      })),
    ]));
  }

  // ---- start ----
  document.addEventListener("DOMContentLoaded", function () {
    view.endpoint = document.getElementById("endpoint");
    view.nav = document.getElementById("nav");
    view.main = document.getElementById("main");
    window.addEventListener("hashchange", showRoute);
    showRoute();
    listen();
  });
})();
`;
