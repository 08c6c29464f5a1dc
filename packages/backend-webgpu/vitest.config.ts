import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { testDefaults } from '../../vitest.shared.js';

// Without a GPU, Dawn runs on SwiftShader from Debian's chromium package. Set here, before the
// forks start, so their dynamic loader and Vulkan loader see it.
const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
if (!process.env.VK_ICD_FILENAMES && existsSync(ICD)) process.env.VK_ICD_FILENAMES = ICD;
// Dawn dlopens libvulkan.so.1: Debian's libvulkan1, or else the copy chromium ships.
const systemLoader = [
  '/usr/lib/x86_64-linux-gnu/libvulkan.so.1',
  '/usr/lib/aarch64-linux-gnu/libvulkan.so.1',
];
if (!systemLoader.some((p) => existsSync(p)) && existsSync('/usr/lib/chromium/libvulkan.so.1')) {
  process.env.LD_LIBRARY_PATH = ['/usr/lib/chromium', process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
}

export default defineConfig({
  test: { ...testDefaults, testTimeout: 120_000, hookTimeout: 120_000 },
});
