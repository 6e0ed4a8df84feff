/**
 * Every module that declares tables. Services load them all, so that the sweeper and the cascades see
 * every table, those of modules no request has loaded yet included. A new table goes into its module's
 * tables.ts; only a new module of tables is added here.
 */
import "./fixtures/tables";
import "./oauth/tables";
import "./server/tables";
import "./services/identity-pools/tables";
import "./services/saml/tables";
import "./services/sts/tables";
import "./services/sync/tables";
import "./services/tables";
import "./services/user-pools/directory/tables";
import "./services/user-pools/sign-in/tables";
import "./tokens/tables";
import "./triggers/tables";
