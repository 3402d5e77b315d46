// Neither tests nor a default export.
export const answer = 42;
