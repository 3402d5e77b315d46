// This file declares no test.
const helper = () => 1;
