// Client-rendered: data comes from the tRPC client, so the page also opens from the app shell.
export const ssr = false;
