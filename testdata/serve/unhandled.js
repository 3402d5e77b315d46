// A server whose script later rejects a promise nothing handles: wsrun serve reports it with
// the place it was made, and the servers go on.
ws.serve({ port: 0 }, () => {});
setTimeout(() => {
  Promise.reject(new Error('nobody caught me'));
}, 1);
