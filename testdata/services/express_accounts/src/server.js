const express = require('express');
const mongoose = require('mongoose');
const config = require('./config');
const authRoutes = require('./routes/auth.routes');

const app = express();
app.use(express.json());
app.use('/auth', authRoutes);
app.get('/health', (req, res) => res.json({ ok: true }));

mongoose.connect(config.mongoUrl).then(() => {
  app.listen(config.port, () => console.log(`listening on ${config.port}`));
});
