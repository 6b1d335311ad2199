// Filled in with the database template in the foundation work; empty for pure unit tests.
export default async function globalSetup() {}
