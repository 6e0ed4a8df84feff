import { passwordFlow } from "../flow-handlers";

/** Username and password sent to Cognito (InitiateAuth only). */
export default passwordFlow("USER_PASSWORD_AUTH");
