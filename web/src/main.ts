import { createApp } from 'vue';
// tdesign's base stylesheet: the design tokens (CSS variables) every component's own styles
// use. On-demand imports bring each component's CSS, never this, so it is imported once here.
import 'tdesign-vue-next/es/style/index.css';
import App from './App.vue';
import { router } from './router';
import './styles/global.css';

createApp(App).use(router).mount('#app');
