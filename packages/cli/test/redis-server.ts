// The budget-redis tests' throw-away redis-server, shared rather than copied.
export { RedisTestServer } from "../../budget-redis/test/redis-server.js";
