"""Small widgets and helpers shared by the owner app's pages: icons, tiles, banners, busy state."""
