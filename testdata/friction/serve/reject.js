// A rejection nothing handles while the script loads is reported with where it was made.
ws.serve({ port: 0 }, () => {});
Promise.reject(new Error('the fixture is broken'));
