/** The clock lives in @lianjian/calendar; this name stays for the module that builds the service. */
export { type Clock, deploymentClock } from '@lianjian/calendar';
