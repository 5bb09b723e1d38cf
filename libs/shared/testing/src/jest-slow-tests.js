// Integration and end-to-end tests talk to real servers: give them time (they poll with eventually()).
jest.setTimeout(180_000);
