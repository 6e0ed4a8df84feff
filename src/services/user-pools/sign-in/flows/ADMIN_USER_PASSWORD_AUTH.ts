import { passwordFlow } from "../flow-handlers";

/** Username and password from a trusted server (AdminInitiateAuth only; also ADMIN_NO_SRP_AUTH). */
export default passwordFlow("ADMIN_USER_PASSWORD_AUTH");
