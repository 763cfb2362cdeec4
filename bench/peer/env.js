// The annotator's UMD build still reads process.env.NODE_ENV (from a bundled
// dependency), which a bundler would replace; this defines it as a bundler would for a
// production build.
window.process = { env: { NODE_ENV: 'production' } };
