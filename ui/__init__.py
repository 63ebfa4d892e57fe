"""Qt front end of sitcentre: app bootstrap, main window, panels, dialogs. Never imports SQLAlchemy."""
