// The mock's port is taken by another program: wsrun serve says so on one line.
ws.serve({ port: Number(process.env.PORT) }, () => {});
