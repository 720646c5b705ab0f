app-title = yaku
