from secondopinion_desktop.app import run

run()
